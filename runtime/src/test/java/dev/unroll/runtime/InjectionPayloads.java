package dev.unroll.runtime;

import java.util.List;

/**
 * Text crafted to run code if it reached generated source unescaped: each payload sets the system property
 * {@value #FLAG} when it escapes from the place it attacks (a line comment, a Javadoc comment or a string
 * literal) by a route javac offers: line terminators, comment ends, and unicode escapes of either, which javac
 * reads before anything else, in comments too. The rest probe what else could go wrong: control and non-ASCII
 * characters, JavaPoet's format characters, length.
 */
final class InjectionPayloads {

    /** The system property a payload sets when it runs. */
    static final String FLAG = "unroll.test.pwned";

    private static final String RUN = "System.setProperty(\"" + FLAG + "\", \"1\");";

    /** Where a payload breaks out when written there verbatim, or {@link #NOWHERE} if it only probes. */
    enum Context { LINE_COMMENT, JAVADOC, STRING, NOWHERE }

    /** One payload and the place it attacks. */
    record Payload(String text, Context attacks) {
    }

    static final List<Payload> ALL = List.of(
            new Payload("h\n " + RUN + " //", Context.LINE_COMMENT),
            new Payload("h\r " + RUN + " //", Context.LINE_COMMENT),
            new Payload("h\r\n " + RUN + " //", Context.LINE_COMMENT),
            new Payload("h\\u000a " + RUN + " //", Context.LINE_COMMENT),
            new Payload("h\\u000d " + RUN + " //", Context.LINE_COMMENT),
            new Payload("h\\uuuu000a " + RUN + " //", Context.LINE_COMMENT),
            new Payload("W */ static { " + RUN + " } /** x", Context.JAVADOC),
            new Payload("W */ static { " + RUN + " } /* x", Context.JAVADOC),
            new Payload("W \\u002a/ static { " + RUN + " } /** x", Context.JAVADOC),
            new Payload("W *\\u002f static { " + RUN + " } /** x", Context.JAVADOC),
            new Payload("W \\u002a\\u002f static { " + RUN + " } /** x", Context.JAVADOC),
            new Payload("x\"; " + RUN + " String s = \"", Context.STRING),
            new Payload("x\\u0022; " + RUN + " String s = \\u0022", Context.STRING),
            new Payload("h\u2028 " + RUN + " //", Context.NOWHERE),
            new Payload("h\u2029 " + RUN + " //", Context.NOWHERE),
            new Payload("h\u0085 " + RUN + " //", Context.NOWHERE),
            new Payload("h\\u005cu000a " + RUN + " //", Context.NOWHERE),
            new Payload("h\\\\u000a " + RUN + " //", Context.NOWHERE),
            new Payload("// " + RUN, Context.NOWHERE),
            new Payload("/* x */ " + RUN + " /* y */", Context.NOWHERE),
            new Payload("x\\\"; " + RUN + " //", Context.NOWHERE),
            new Payload("x'; " + RUN + " //", Context.NOWHERE),
            new Payload("a\u0000b", Context.NOWHERE),
            new Payload("a\u001b[31mb\t\f", Context.NOWHERE),
            new Payload("\u00e9\u03a9\u4e2d\uD83D\uDE00", Context.NOWHERE),
            new Payload("x\u200by", Context.NOWHERE),
            new Payload("x\u202e" + RUN + "\u202c", Context.NOWHERE),
            new Payload("$L $S $N $T $$", Context.NOWHERE),
            new Payload("%s %n %d", Context.NOWHERE),
            new Payload("{@code x} @Deprecated <b>x</b>", Context.NOWHERE),
            new Payload("", Context.NOWHERE),
            new Payload("x".repeat(100_000) + "\n " + RUN + " //", Context.LINE_COMMENT));

    private InjectionPayloads() {
    }

    /** Whether {@code text} holds anything that must never reach source as it is. */
    static boolean dangerous(String text) {
        return text.contains("*/") || text.chars().anyMatch(ch -> ch < 0x20 || ch >= 0x7f || ch == '\\');
    }

    /** A class whose loading runs {@code payload} if it breaks out of the place it attacks. */
    static String rawClass(String className, Payload payload) {
        return switch (payload.attacks()) {
            case LINE_COMMENT -> "public class " + className + " { static { // " + payload.text() + "\n } }";
            case JAVADOC -> "public class " + className + " { /** " + payload.text() + " */ static int a; }";
            case STRING -> "public class " + className + " { static { String t = \"" + payload.text() + "\"; } }";
            case NOWHERE -> "public class " + className + " { }";
        };
    }
}
