package dev.unroll.kernels.build;

import java.util.ArrayList;
import java.util.List;

/** A lexical piece of Java text and the line it starts on: just enough Java to twin a template safely. */
record Token(Kind kind, String text, int line) {

    /** What the twin does to a token: renames words, suffixes double literals, renames words in comments. */
    enum Kind { WORD, NUMBER, QUOTED, COMMENT, OTHER }

    /** The tokens of {@code text}, whose first line is line {@code firstLine} of {@code origin}. */
    static List<Token> lex(String text, int firstLine, String origin) {
        List<Token> tokens = new ArrayList<>();
        int line = firstLine;
        for (int i = 0; i < text.length(); ) {
            int end = end(text, i, line, origin);
            Kind kind = kind(text, i);
            String piece = text.substring(i, end);
            tokens.add(new Token(kind, piece, line));
            line += (int) piece.chars().filter(c -> c == '\n').count();
            i = end;
        }
        return tokens;
    }

    private static Kind kind(String text, int i) {
        char c = text.charAt(i);
        if (text.startsWith("//", i) || text.startsWith("/*", i)) {
            return Kind.COMMENT;
        }
        if (c == '"' || c == '\'') {
            return Kind.QUOTED;
        }
        if (Character.isJavaIdentifierStart(c)) {
            return Kind.WORD;
        }
        boolean number = Character.isDigit(c)
                || c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
        return number ? Kind.NUMBER : Kind.OTHER;
    }

    private static int end(String text, int i, int line, String origin) {
        return switch (kind(text, i)) {
            case COMMENT -> text.startsWith("//", i) ? lineEnd(text, i) : closing(text, i, "/*", "*/", line, origin);
            case QUOTED -> text.startsWith("\"\"\"", i) ? closing(text, i, "\"\"\"", "\"\"\"", line, origin)
                    : quoteEnd(text, i, line, origin);
            case WORD -> run(text, i, false);
            case NUMBER -> run(text, i, true);
            case OTHER -> i + 1;
        };
    }

    private static int lineEnd(String text, int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }

    private static int closing(String text, int i, String open, String close, int line, String origin) {
        int end = text.indexOf(close, i + open.length());
        if (end < 0) {
            throw new TemplateException(origin + ":" + line + ": nothing closes what opens here with '" + open
                    + "'; close it within the region or the file");
        }
        return end + close.length();
    }

    private static int quoteEnd(String text, int i, int line, String origin) {
        char quote = text.charAt(i);
        for (int j = i + 1; j < text.length() && text.charAt(j) != '\n'; j++) {
            if (text.charAt(j) == '\\') {
                j++;
            } else if (text.charAt(j) == quote) {
                return j + 1;
            }
        }
        throw new TemplateException(origin + ":" + line + ": the literal opened by " + quote
                + " is not closed on its line; close it");
    }

    /** The end of an identifier, or of a number with its exponent's sign ({@code 1e-5}, {@code 0x1p-3}). */
    private static int run(String text, int start, boolean number) {
        String exponents = number && text.regionMatches(true, start, "0x", 0, 2) ? "pP" : "eE";
        int j = start + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            boolean sign = number && (c == '+' || c == '-') && exponents.indexOf(text.charAt(j - 1)) >= 0;
            if (!(Character.isJavaIdentifierPart(c) || number && c == '.' || sign)) {
                return j;
            }
            j++;
        }
        return j;
    }
}
