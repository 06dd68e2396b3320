package dev.unroll.dsl;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates the names users give to cells, inputs, states, parameters and outputs. Names reach generated Java
 * source, so only plain ASCII identifiers are accepted: nothing can inject code.
 */
public final class Names {

    /** The rule every name must follow, as stated in error messages. */
    public static final String RULE = "an ASCII letter followed by up to 63 ASCII letters, digits or single"
            + " underscores (a double underscore is reserved for names the compiler derives), and not a Java keyword";

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

    /** Whether {@code name} is a safe identifier. */
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

    /** The derived name {@code prefix__name}, for example the adjoint {@code d__h} of state {@code h}. */
    public static String derived(String prefix, String name) {
        return prefix + RESERVED + name;
    }

    /** The name a derived name was made from: {@code base("d__h")} is {@code h}. */
    public static String base(String derived) {
        int at = derived.indexOf(RESERVED);
        if (at < 0) {
            throw new IllegalArgumentException(quote(derived) + " is not a derived name");
        }
        return derived.substring(at + RESERVED.length());
    }

    /** A printable, escaped rendering of a possibly hostile name for error messages. */
    public static String quote(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : name.toCharArray()) {
            if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') {
                sb.append(ch);
            } else {
                sb.append(String.format("\\u%04x", (int) ch));
            }
        }
        return sb.append('"').toString();
    }
}
