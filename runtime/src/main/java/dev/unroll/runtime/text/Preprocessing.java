package dev.unroll.runtime.text;

/** How the characters of a corpus are cleaned before tokenization. */
public enum Preprocessing {

    /**
     * The lecture's rule (d2l's {@code re.sub('[^A-Za-z]+', ' ', text).lower()} over the whole text): every
     * maximal run of characters that are not ASCII letters {@code A-Z a-z} (spaces, line breaks, digits,
     * punctuation, accented letters, ...) becomes one space and letters are lower-cased. Applied to the whole text
     * rather than per line, so a line break separates words like a space does; nothing is trimmed, so a prompt
     * such as {@code "time traveller "} keeps its trailing space. The result uses at most 27 characters:
     * {@code a-z} and the space.
     */
    LECTURE {
        @Override
        public String apply(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    out.append((char) (c + ('a' - 'A')));
                } else if (c >= 'a' && c <= 'z') {
                    out.append(c);
                } else if (out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            }
            return out.toString();
        }
    },

    /** The characters exactly as read (after {@link Corpus#read}'s line-ending normalization). */
    RAW {
        @Override
        public String apply(String text) {
            return text;
        }
    };

    /** Returns the cleaned text. */
    public abstract String apply(String text);
}
