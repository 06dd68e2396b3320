package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * The one sanitizer of text in generated comments and Javadoc. Every comment the emitter writes passes through it,
 * whatever the text holds (node labels, source file names, numbers), so no comment can end early or run on:
 * <ul>
 *   <li>only printable ASCII survives: line terminators ({@code \n}, {@code \r}), other control characters and
 *       every non-ASCII character become {@code ?};</li>
 *   <li>backslashes become {@code ?}, because javac reads unicode escapes (a backslash, {@code u} and four hex
 *       digits) before anything else, in comments too, and one could spell a line break or {@code *}{@code /};</li>
 *   <li>{@code *}{@code /} becomes {@code * /}, so no Javadoc or block comment closes early;</li>
 *   <li>a line longer than {@link #MAX_LINE} characters is cut there.</li>
 * </ul>
 */
final class CommentText {

    /** The longest comment line kept; a longer one is cut and ends with {@code ...}. */
    static final int MAX_LINE = 1000;

    private CommentText() {
    }

    /** {@code text} made safe for one comment line. */
    static String line(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LINE) + 1);
        int i = 0;
        for (; i < text.length() && out.length() < MAX_LINE; i++) {
            char ch = text.charAt(i);
            boolean printable = ch >= 0x20 && ch < 0x7f && ch != '\\';
            if (ch == '/' && out.length() > 0 && out.charAt(out.length() - 1) == '*') {
                out.append(' ');
            }
            out.append(printable ? ch : '?');
        }
        if (i < text.length()) {
            out.setLength(MAX_LINE - 3);
            out.append("...");
        }
        return out.toString();
    }

    /** A {@code // text} line for a {@link CodeBlock}, with {@code text} made safe. */
    static CodeBlock comment(CodeBlock text) {
        return CodeBlock.of("// $L\n", line(text.toString()));
    }

    /** Javadoc text made safe line by line; the line breaks between its lines are kept. */
    static CodeBlock javadoc(CodeBlock text) {
        String[] lines = text.toString().split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "" : "\n").append(line(lines[i]));
        }
        return CodeBlock.of("$L", out);
    }
}
