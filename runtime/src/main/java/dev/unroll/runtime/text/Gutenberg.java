package dev.unroll.runtime.text;

import dev.unroll.dsl.core.Require;

/**
 * Removes Project Gutenberg boilerplate: the licence header before the start marker and the licence after the end
 * marker.
 */
public final class Gutenberg {

    /** The start marker, matched as a line prefix (any title follows it). */
    public static final String START = "*** START OF THE PROJECT GUTENBERG EBOOK";
    /** The end marker, matched as a line prefix (any title follows it). */
    public static final String END = "*** END OF THE PROJECT GUTENBERG EBOOK";

    // Older Gutenberg files say "THIS" instead of "THE"; they are the same boilerplate.
    private static final String START_OLD = "*** START OF THIS PROJECT GUTENBERG EBOOK";
    private static final String END_OLD = "*** END OF THIS PROJECT GUTENBERG EBOOK";

    private Gutenberg() {
    }

    /**
     * The text strictly between the first line starting with {@link #START} and the first later line starting with
     * {@link #END} (the marker lines themselves are dropped), with surrounding whitespace stripped. Without a start
     * marker the text starts at the beginning; without an end marker it runs to the end; without either marker
     * the text is returned unchanged. Lines are separated by {@code \n}; the prefix match ignores case.
     */
    public static String strip(String text) {
        Require.notNull(text, "Gutenberg.strip", "text");
        int start = findLine(text, 0, START, START_OLD);
        int end = findLine(text, start < 0 ? 0 : start, END, END_OLD);
        if (start < 0 && end < 0) {
            return text;
        }
        int from = start < 0 ? 0 : lineEnd(text, start);
        int to = end < 0 ? text.length() : end;
        return text.substring(from, Math.max(from, to)).strip();
    }

    /** Index of the first line at or after {@code from} that starts with one of the prefixes, or -1. */
    private static int findLine(String text, int from, String prefix, String oldPrefix) {
        int lineStart = from;
        while (lineStart < text.length()) {
            if (startsWithIgnoreCase(text, lineStart, prefix) || startsWithIgnoreCase(text, lineStart, oldPrefix)) {
                return lineStart;
            }
            int newline = text.indexOf('\n', lineStart);
            if (newline < 0) {
                return -1;
            }
            lineStart = newline + 1;
        }
        return -1;
    }

    private static boolean startsWithIgnoreCase(String text, int at, String prefix) {
        return text.regionMatches(true, at, prefix, 0, prefix.length());
    }

    private static int lineEnd(String text, int lineStart) {
        int newline = text.indexOf('\n', lineStart);
        return newline < 0 ? text.length() : newline + 1;
    }
}
