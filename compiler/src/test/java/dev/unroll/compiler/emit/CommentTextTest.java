package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comment sanitizer leaves only printable ASCII without backslashes and never a comment end, whatever it is
 * given: line breaks, comment markers, unicode escapes as text (which javac would read as the characters they
 * spell), and the characters such escapes spell.
 */
class CommentTextTest {

    /** Text that would break out of a comment if it were written verbatim. */
    static final List<String> ATTACKS = List.of(
            "h\n System.setProperty(\"pwned\",\"x\"); //",
            "W */ static { System.setProperty(\"pwned\",\"x\"); } /** x",
            "x\\u000a System.exit(1);", "x\\u000d System.exit(1);", "x \\u002a/ static {} /*",
            "x\\u005cu000a", "x\\\\u000a", "x\r System.exit(1);", "x\u2028y\u2029z", "x\u0085y", "a\u0000b",
            "**/", "*/*/", "*\\u002f", "é∑\uD83D\uDE00", "x".repeat(5000));

    @Test
    void everyAttackBecomesPrintableAsciiWithoutBackslashOrCommentEnd() {
        for (String attack : ATTACKS) {
            String safe = CommentText.line(attack);
            assertTrue(safe.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '\\'), safe);
            assertFalse(safe.contains("*/"), safe);
            assertTrue(safe.length() <= CommentText.MAX_LINE + 1, "length " + safe.length());
        }
    }

    @Test
    void exactRenderings() {
        assertEquals("h? System.setProperty(\"pwned\",\"x\"); //", CommentText.line(ATTACKS.get(0)));
        assertEquals("W * / static {?} /** x", CommentText.line("W */ static {\u2026} /** x"));
        assertEquals("Evil * /?u000a System.exit(1).java", CommentText.line("Evil */\\u000a System.exit(1).java"));
        assertEquals("** /", CommentText.line("**/"));
        assertEquals("x".repeat(CommentText.MAX_LINE - 3) + "...", CommentText.line("x".repeat(5000)));
        String plain = "%3 = tanh %2 : [Bx4]  H @ Cells.java:52";
        assertEquals(plain, CommentText.line(plain));
    }

    @Test
    void javadocKeepsItsLineBreaksAndSanitizesEachLine() {
        CodeBlock text = CodeBlock.of("Kernel of cell {@code $L}.\n\n<p>second line */ x\n", "a\u0000b\\u002a/");
        assertEquals("Kernel of cell {@code a?b?u002a/}.\n\n<p>second line * / x\n",
                CommentText.javadoc(text).toString());
    }

    @Test
    void javadocTurnsEveryLineTerminatorIntoALineOfItsOwn() {
        // JavaPoet reads \r, \u2028 and \u2029 as line breaks; each Javadoc line gets its own " * " prefix.
        CodeBlock text = CodeBlock.of("$L\n", "a\rb\u2028c */ static {} /*");
        assertEquals("a\nb\nc * / static {} /*\n", CommentText.javadoc(text).toString());
    }

    @Test
    void aCommentLineEndsWithItsOwnLineBreakOnly() {
        assertEquals("// a?b\n", CommentText.comment(CodeBlock.of("$L", "a\nb")).toString());
    }
}
