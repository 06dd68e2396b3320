package dev.unroll.compiler.autodiff;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Runs work on a thread with a 256 KiB stack, where any walk recursing once per node or step would overflow. */
public final class SmallStack {

    /** The stack size of the thread: a few thousand frames. */
    public static final long BYTES = 256 * 1024;

    private SmallStack() {
    }

    /** The result of {@code work} run on a small-stack thread; rethrows whatever it threw. */
    public static <T> T call(Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", BYTES);
        t.start();
        t.join();
        Throwable e = failure.get();
        if (e instanceof Exception ex) {
            throw ex;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }
}
