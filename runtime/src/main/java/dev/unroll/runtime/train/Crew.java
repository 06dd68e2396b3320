package dev.unroll.runtime.train;

import dev.unroll.dsl.core.UnrollException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Helper threads kept hot between rounds: after a round a helper spins (for up to {@value #SPIN_NANOS} ns)
 * before it parks, because waking a parked thread on an idle core costs milliseconds on small machines, longer
 * than the gap between two training steps. The caller runs worker 0 itself.
 */
final class Crew implements AutoCloseable {

    private static final long SPIN_NANOS = 50_000_000L;

    private final Thread[] helpers;
    private final Throwable[] failures;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile IntConsumer task;
    private volatile int round;
    private volatile boolean closed;

    Crew(int workers) {
        helpers = new Thread[workers - 1];
        failures = new Throwable[workers];
        for (int h = 0; h < helpers.length; h++) {
            int worker = h + 1;
            helpers[h] = new Thread(() -> serve(worker), "unroll-worker-" + worker);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /** Runs {@code work} on every worker and returns when all are done; rethrows the first failure. */
    void run(IntConsumer work) {
        java.util.Arrays.fill(failures, null);
        task = work;
        remaining.set(helpers.length);
        round++;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        try {
            work.accept(0);
        } catch (RuntimeException | Error e) {
            failures[0] = e;
        }
        while (remaining.get() > 0) {
            Thread.onSpinWait();
        }
        rethrow();
    }

    private void serve(int worker) {
        int seen = 0;
        while (true) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (round == seen && !closed) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = round;
            try {
                task.accept(worker);
            } catch (RuntimeException | Error e) {
                failures[worker] = e;
            }
            remaining.decrementAndGet();
        }
    }

    private void rethrow() {
        for (Throwable f : failures) {
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw new UnrollException("a training worker failed: " + e, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
