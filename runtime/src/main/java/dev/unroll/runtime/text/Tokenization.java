package dev.unroll.runtime.text;

import java.util.ArrayList;
import java.util.List;

/** How cleaned text is cut into tokens, and how tokens are joined back into text. */
public enum Tokenization {

    /** One token per Unicode code point (a character outside the BMP is one token, not two surrogates). */
    CHARACTERS {
        @Override
        public List<String> split(String text) {
            List<String> tokens = new ArrayList<>(text.length());
            text.codePoints().forEach(cp -> tokens.add(Character.toString(cp)));
            return List.copyOf(tokens);
        }

        @Override
        public String join(List<String> tokens) {
            return String.join("", tokens);
        }
    },

    /** Maximal runs of non-whitespace characters; whitespace only separates and is dropped. */
    WORDS {
        @Override
        public List<String> split(String text) {
            List<String> tokens = new ArrayList<>();
            for (String word : text.split("\\s+")) {
                if (!word.isEmpty()) {
                    tokens.add(word);
                }
            }
            return List.copyOf(tokens);
        }

        @Override
        public String join(List<String> tokens) {
            return String.join(" ", tokens);
        }
    };

    /** The tokens of {@code text}, in order. */
    public abstract List<String> split(String text);

    /** Text from tokens: concatenated for characters, separated by one space for words. */
    public abstract String join(List<String> tokens);
}
