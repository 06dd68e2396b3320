package dev.unroll.dsl;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.core.UnrollException;
import java.util.function.Consumer;

/**
 * Helpers for tests of build-time errors: the test's own line, so an expected message can name the line of a
 * DSL call without hard-coding it (call {@link #line()} on the same line as the call under test), and the
 * failure of a cell definition.
 */
public final class Here {

    private Here() {
    }

    /** The source line of the caller. */
    public static int line() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** The exception thrown by defining a cell named {@code bad} with {@code body}; fails if none is thrown. */
    public static UnrollException failure(Consumer<CellBuilder> body) {
        return assertThrows(UnrollException.class, () -> Cell.define("bad", body));
    }
}
