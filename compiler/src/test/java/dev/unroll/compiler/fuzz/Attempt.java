package dev.unroll.compiler.fuzz;

import dev.unroll.dsl.core.UnrollException;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one call of the fuzz and judges how it ended: normally, or with an {@link UnrollException} carrying a
 * message. Anything else (a {@code NullPointerException}, an index out of bounds, an arithmetic or storage error)
 * fails the property, naming the call.
 */
final class Attempt {

    private Attempt() {
    }

    /** The value {@code body} returns, or null when it threw an {@link UnrollException} with a message. */
    static <T> T of(String what, Call call, Supplier<T> body) {
        try {
            return body.get();
        } catch (UnrollException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionFailedError(what + " threw an UnrollException without a message; " + call, e);
            }
            return null;
        } catch (AssertionFailedError e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionFailedError(what + " threw " + e + " instead of an UnrollException; " + call, e);
        }
    }

    /** Runs {@code body} as {@link #of} does. */
    static void run(String what, Call call, Runnable body) {
        of(what, call, () -> {
            body.run();
            return null;
        });
    }
}
