package dev.unroll.dsl;

import dev.unroll.dsl.ir.SourceLocation;
import java.util.Set;

/** Finds the user's {@code File.java:line} that made a DSL call, by walking past the DSL's own frames. */
final class SourceCapture {

    private static final Set<String> DSL_CLASSES = Set.of(
            Value.class.getName(), CellBuilder.class.getName(), Cell.class.getName(), SourceCapture.class.getName(),
            "dev.unroll.dsl.cells.Activation");

    private static final StackWalker WALKER = StackWalker.getInstance();

    private SourceCapture() {
    }

    /** The first stack frame outside the DSL implementation. */
    static SourceLocation caller() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isDsl(f.getClassName()))
                .findFirst()
                .map(f -> new SourceLocation(f.getFileName(), f.getLineNumber()))
                .orElse(SourceLocation.UNKNOWN));
    }

    private static boolean isDsl(String className) {
        if (className.startsWith("java.") || className.startsWith("jdk.")) {
            return true;
        }
        int nested = className.indexOf('$');
        return DSL_CLASSES.contains(nested < 0 ? className : className.substring(0, nested));
    }
}
