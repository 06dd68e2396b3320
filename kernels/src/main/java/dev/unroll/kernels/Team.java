package dev.unroll.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A small team of threads that splits the output columns of a large matrix product: the calling thread computes
 * one part, helper threads the others, so a step with one row ({@code B = 1}) reads each half of a weight matrix on
 * its own core. A kernel reaches its team through {@link AbstractKernel#team()}; {@link TeamBlas} decides per product
 * whether to split.
 *
 * <p>Parts are claimed, not assigned: whoever is free takes the next one, so a helper that is slow to wake costs its
 * part's time on the caller, never a wait. Every part computes its columns with the same arithmetic as the whole
 * product, so a split product is bit-identical to an unsplit one. A helper waits for up to {@value #SPIN_NANOS} ns
 * between products before it parks, spinning, then also yielding: a handoff to a waiting helper costs about a
 * microsecond, a wake from park tens of microseconds or more. One caller at a time; {@link #close} stops the
 * helpers.
 */
public final class Team implements AutoCloseable {

    /**
     * The least work, in multiply-adds ({@code m·k·n}), of a product that is split: one gate's product at
     * {@code H = 256, B = 1} ({@code 1 × 256 × 256}). Below it the handoff costs more than the second core saves.
     */
    public static final long MIN_WORK = 65_536L;

    /** Parts start at multiples of this many columns, so two threads never write into one cache line of C. */
    static final int GRAIN = 16;

    private static final long SPIN_NANOS = 10_000_000L;

    /**
     * How long a waiting thread only spins before it also yields: the gaps between the products of a step are
     * shorter, so a quiet machine never pays a yield there, and on a busy one a waiting thread gives its core away.
     */
    private static final long PURE_SPIN_NANOS = 20_000L;

    private static final Team ALONE = new Team(1, MIN_WORK);

    /** The work a round splits: columns {@code [from, to)} of one product. */
    @FunctionalInterface
    interface Columns {
        void run(int from, int to);
    }

    private final int threads;
    private final long minWork;
    private final Thread[] helpers;
    private final AtomicIntegerArray parked;
    private final AtomicInteger next = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Columns work;
    private volatile int columns;
    private volatile int round;
    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * A team of {@code threads} (the caller and {@code threads − 1} helpers) that splits products of at least
     * {@code minWork} multiply-adds.
     */
    public Team(int threads, long minWork) {
        if (threads < 1 || minWork < 0) {
            throw new KernelException("a team needs at least one thread and a work threshold ≥ 0, got " + threads
                    + " threads and " + minWork + "; use Team.alone() for no helpers");
        }
        this.threads = threads;
        this.minWork = minWork;
        this.helpers = new Thread[threads - 1];
        this.parked = new AtomicIntegerArray(Math.max(0, threads - 1));
        for (int h = 0; h < helpers.length; h++) {
            int helper = h;
            helpers[h] = new Thread(() -> serve(helper), "unroll-team-" + (h + 1));
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /** A team of {@code threads} with the default threshold {@link #MIN_WORK}. */
    public Team(int threads) {
        this(threads, MIN_WORK);
    }

    /** The team of the calling thread alone: it never splits and has nothing to close. */
    public static Team alone() {
        return ALONE;
    }

    /** The number of threads, the caller's included. */
    public int threads() {
        return threads;
    }

    /** Whether a product of {@code m·k·n} multiply-adds with {@code n} columns is split over this team. */
    boolean splits(int m, int k, int n) {
        return threads > 1 && (long) m * k * n >= minWork && n >= 2 * GRAIN;
    }

    /** Runs {@code work} over columns {@code [0, n)} in {@link #threads} parts and returns when all are done. */
    void split(int n, Columns work) {
        if (closed) {
            throw new KernelException("this team of " + threads + " threads is closed; give the kernel an open team"
                    + " or Team.alone()");
        }
        this.work = work;
        this.columns = n;
        pending.set(threads);
        next.set(0);
        round++;
        for (int h = 0; h < helpers.length; h++) {
            if (parked.get(h) != 0) {
                LockSupport.unpark(helpers[h]);
            }
        }
        claimParts();
        long start = System.nanoTime();
        while (pending.get() > 0) {
            pause(start);
        }
        Throwable f = failure;
        failure = null;
        // A part fails only by a kernel's own bug; it surfaces on the caller as it would have without the team.
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /** Takes parts until none is left; the claim comes first, so the work read after it is that of its round. */
    private void claimParts() {
        for (int p = next.getAndIncrement(); p < threads; p = next.getAndIncrement()) {
            int n = columns;
            int part = (n + threads - 1) / threads;
            part = (part + GRAIN - 1) / GRAIN * GRAIN;
            int from = Math.min(n, p * part);
            int to = Math.min(n, from + part);
            try {
                if (from < to) {
                    work.run(from, to);
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    private void serve(int helper) {
        int seen = 0;
        while (!closed) {
            long start = System.nanoTime();
            while (round == seen && !closed) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    pause(start);
                } else {
                    park(helper, seen);
                }
            }
            seen = round;
            claimParts();
        }
    }

    /** One turn of a wait that began at {@code start}: a spin hint at first, then also a yield. */
    private static void pause(long start) {
        Thread.onSpinWait();
        if (System.nanoTime() - start > PURE_SPIN_NANOS) {
            Thread.yield();
        }
    }

    /**
     * Parks until a new round or close. The flag is set before the last look at the round, and the caller bumps the
     * round before it looks at the flag, so one of the two always sees the other.
     */
    private void park(int helper, int seen) {
        parked.set(helper, 1);
        if (round == seen && !closed) {
            LockSupport.park(this);
        }
        parked.set(helper, 0);
    }

    @Override
    public void close() {
        if (helpers.length == 0) {
            return;
        }
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
