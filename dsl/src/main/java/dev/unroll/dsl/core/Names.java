package dev.unroll.dsl.core;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the names users give to cells, inputs, states, parameters and outputs, and the names the compiler
 * derives from them. Names reach generated Java source, so only plain ASCII identifiers are accepted: nothing can
 * inject code.
 */
public final class Names {

    /** The rule every name a user writes must follow, as stated in error messages. */
    public static final String RULE = "an ASCII letter followed by up to 63 ASCII letters, digits or single"
            + " underscores (a double underscore is reserved for names the compiler derives), and not a Java keyword";

    /** The longest name the IR accepts: user names are far shorter, derived names add a few short prefixes. */
    public static final int MAX_IR_LENGTH = 256;

    /** The rule every name in the IR follows (user names and the names derived from them), for error messages. */
    public static final String IR_RULE = "an ASCII letter followed by up to " + (MAX_IR_LENGTH - 1) + " ASCII"
            + " letters, digits or underscores, and not a Java keyword";

    /** How many characters of a name or file name error messages show before cutting it. */
    public static final int PRINTED_LENGTH = 100;

    /** The separator of derived names such as {@code d__h}; users cannot write it, so derived names never clash. */
    public static final String RESERVED = "__";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");

    private Names() {
    }

    /** Whether {@code name} is a safe name for users to write. */
    public static boolean isSafe(String name) {
        return name != null && IDENTIFIER.matcher(name).matches() && !name.contains(RESERVED)
                && !KEYWORDS.contains(name);
    }

    /** Returns {@code name} if it is safe, or throws naming what was wrong and where. */
    public static String require(String what, String name, Object where) {
        if (!isSafe(name)) {
            throw new UnrollException(what + " name " + quote(name) + " is not allowed: a name must be " + RULE
                    + " (at " + where + ")");
        }
        return name;
    }

    /**
     * Whether {@code name} may appear in the IR: a plain ASCII identifier of at most {@link #MAX_IR_LENGTH}
     * characters that is not a keyword. Unlike {@link #isSafe}, it admits the double underscore of derived names.
     */
    public static boolean isIrName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_IR_LENGTH || !isAsciiLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!isAsciiLetter(ch) && !(ch >= '0' && ch <= '9') && ch != '_') {
                return false;
            }
        }
        return !KEYWORDS.contains(name);
    }

    /**
     * Returns {@code name} if it may appear in the IR, or throws naming {@code what} (for example
     * {@code "the label of node %3 (tanh)"}), the rule and {@code where}.
     */
    public static String requireIrName(String what, String name, Object where) {
        if (!isIrName(name)) {
            throw new UnrollException(what + " " + quote(name) + " is not allowed: a name in the IR must be "
                    + IR_RULE + ", because names reach generated source (at " + where + ")");
        }
        return name;
    }

    /** A printable, escaped rendering of a possibly hostile name for error messages. */
    public static String quote(String name) {
        return name == null ? "null" : "\"" + printable(name) + "\"";
    }

    /**
     * {@code text} with every character outside printable ASCII, and every quote and backslash, written as a
     * {@code \}{@code uXXXX} escape, so it prints on one line and cannot be mistaken for the text around it; text
     * longer than {@link #PRINTED_LENGTH} characters is cut there and its length stated.
     */
    public static String printable(String text) {
        int shown = Math.min(text.length(), PRINTED_LENGTH);
        StringBuilder sb = new StringBuilder(shown + 32);
        for (int i = 0; i < shown; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
                sb.append(ch);
            } else {
                sb.append(String.format("\\u%04x", (int) ch));
            }
        }
        if (shown < text.length()) {
            sb.append("... (").append(text.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    }
}
