package dev.unroll.runtime.data;

import java.util.ArrayList;
import java.util.List;

/** How the sequence column of a line splits into tokens: characters, space-separated words, or numbers. */
public enum TokenKind {
    /** Every character (code point) is a token, spaces included. */
    CHARS,
    /** Tokens are separated by single spaces. */
    WORDS,
    /**
     * Tokens are comma-separated decimal numbers, fed to the model as real-valued features: one per step, or
     * several separated by {@value #FEATURE_SEPARATOR}.
     */
    NUMBERS;

    /** The separator of a step's features among numbers, e.g. {@code 0.5;1} for a step of two features. */
    public static final String FEATURE_SEPARATOR = ";";

    /** The number of features of one token of numbers. */
    public static int features(String token) {
        return token.split(FEATURE_SEPARATOR, -1).length;
    }

    /** The tokens of {@code sequence} (an empty list for an empty sequence). */
    public List<String> split(String sequence) {
        List<String> out = new ArrayList<>();
        if (sequence.isEmpty()) {
            return out;
        }
        switch (this) {
            case CHARS -> sequence.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
            case WORDS -> out.addAll(List.of(sequence.split(" ", -1)));
            case NUMBERS -> out.addAll(List.of(sequence.split(",", -1)));
        }
        return out;
    }

    /** The separator that {@link #split} splits on, for joining tokens back into a line. */
    public String separator() {
        return switch (this) {
            case CHARS -> "";
            case WORDS -> " ";
            case NUMBERS -> ",";
        };
    }

    /** Whether tokens are looked up in a vocabulary (characters and words) rather than read as numbers. */
    public boolean categorical() {
        return this != NUMBERS;
    }

    /** The kind's name on the command line. */
    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
