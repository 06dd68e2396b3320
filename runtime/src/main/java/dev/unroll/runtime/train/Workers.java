package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splits a minibatch's rows over executors, one per thread, and combines their results in a fixed order, so the
 * loss and gradients do not depend on the number of threads beyond rounding. At a fixed batch a step allocates
 * nothing: inputs, carried states and the combined gradients live in buffers reused from step to step.
 */
final class Workers implements AutoCloseable {

    private final List<ProgramExecutor> executors;
    // Each worker's rows [from, to) of the current batch, recomputed when the batch changes.
    private final int[] from;
    private final int[] to;
    private final double[] losses;
    private final double[][][] inputs;
    private final double[][][] targets;
    private final int[][] rowLengths;
    private final List<Map<String, double[]>> carried = new ArrayList<>();
    private final ParamStore gradients;
    private final Crew crew;
    private final IntConsumer stepTask = this::step;
    private final IntConsumer parameterTask = this::setParameters;
    // The arguments of the current round: written before the crew starts it, read by the workers during it.
    private ParamStore params;
    private int steps;
    private int batch;
    private double[][] x;
    private double[][] y;
    private int[] lengths;
    private boolean continues;
    private double[] carry;
    private long noiseKey;
    private boolean training;

    Workers(List<ProgramExecutor> executors) {
        this.executors = List.copyOf(executors);
        int n = executors.size();
        this.crew = n > 1 ? new Crew(n) : null;
        this.gradients = ParamStore.zeros(executors.get(0).program());
        from = new int[n];
        to = new int[n];
        losses = new double[n];
        inputs = new double[n][][];
        targets = new double[n][][];
        rowLengths = new int[n][];
        for (int i = 0; i < n; i++) {
            carried.add(new LinkedHashMap<>());
        }
    }

    /** Splits {@code rows} rows over the workers; a worker may get none when there are fewer rows than workers. */
    private void split(int rows) {
        int n = executors.size();
        for (int i = 0; i < n; i++) {
            from[i] = rows * i / n;
            to[i] = rows * (i + 1) / n;
        }
    }

    /**
     * Sets the randomness of the following runs: training mode with masks drawn from {@code key}, or evaluation mode.
     * Each worker numbers its rows from its first row in the minibatch, so the masks do not depend on the split.
     */
    void setNoise(long key, boolean trainingMode) {
        noiseKey = key;
        training = trainingMode;
    }

    /** Sets the parameters of every executor. */
    void setParameters(ParamStore newParams) {
        this.params = newParams;
        run(parameterTask);
    }

    /**
     * Forward (and, with {@code carry}, backward) over the inputs {@code x} and targets {@code y}, one array of
     * {@code batch × width} values per step; with {@code continues}, each worker starts from the states its rows
     * ended with last time; {@code newLengths} gives each row's length for a masked program ({@code null}: every
     * row full). Returns the loss; the gradients, after a backward pass, are in {@link #gradients()}.
     */
    double run(int newSteps, int newBatch, double[][] newX, double[][] newY, int[] newLengths, boolean newContinues,
               double[] newCarry) {
        steps = newSteps;
        if (newBatch != batch) {
            split(newBatch);
        }
        batch = newBatch;
        x = newX;
        y = newY;
        lengths = newLengths;
        continues = newContinues;
        carry = newCarry;
        run(stepTask);
        double loss = 0;
        boolean first = true;
        for (int i = 0; i < executors.size(); i++) {
            if (to[i] == from[i]) {
                continue;
            }
            double w = share(i);
            loss += w * losses[i];
            if (carry != null) {
                executors.get(i).gradientsInto(gradients, w, !first);
            }
            first = false;
        }
        return loss;
    }

    /**
     * Worker i's share of the minibatch loss: its rows' share, or with lengths and an every-step head its valid
     * steps' share, since each worker's loss is then a mean over its own valid steps.
     */
    private double share(int i) {
        if (lengths == null || executors.get(i).program().model().head().lastStepOnly()) {
            return (double) (to[i] - from[i]) / batch;
        }
        return (double) validSteps(from[i], to[i]) / validSteps(0, batch);
    }

    private long validSteps(int first, int end) {
        long n = 0;
        for (int r = first; r < end; r++) {
            n += lengths[r];
        }
        return n;
    }

    /** The head's outputs at step {@code t} of the last run, every worker's rows in order: a new array. */
    double[] outputs(int t) {
        double[] out = null;
        for (int i = 0; i < executors.size(); i++) {
            if (to[i] == from[i]) {
                continue;
            }
            double[] part = executors.get(i).output(t);
            int width = part.length / (to[i] - from[i]);
            out = out == null ? new double[batch * width] : out;
            System.arraycopy(part, 0, out, from[i] * width, part.length);
        }
        return out;
    }

    /** The combined gradients of the last {@link #run} with a carry: reused, overwritten by the next one. */
    ParamStore gradients() {
        return gradients;
    }

    private void setParameters(int i) {
        executors.get(i).setParameters(params);
    }

    private void step(int i) {
        ProgramExecutor ex = executors.get(i);
        int rows = to[i] - from[i];
        if (rows == 0) {
            return;
        }
        ex.setNoise(noiseKey, from[i], training);
        inputs[i] = columns(inputs[i], x, rows, from[i]);
        targets[i] = columns(targets[i], y, rows, from[i]);
        Map<String, double[]> states = continues ? carried.get(i) : Map.of();
        losses[i] = lengths == null ? ex.forward(inputs[i], targets[i], states, rows)
                : ex.forward(inputs[i], targets[i], states, rows, lengthsOf(i, rows));
        ex.finalStatesInto(carried.get(i));
        if (carry != null) {
            ex.backward(carry);
        }
    }

    /** Worker i's rows' lengths, in a buffer reused while its number of rows stays the same. */
    private int[] lengthsOf(int i, int rows) {
        if (rowLengths[i] == null || rowLengths[i].length != rows) {
            rowLengths[i] = new int[rows];
        }
        System.arraycopy(lengths, from[i], rowLengths[i], 0, rows);
        return rowLengths[i];
    }

    /** This worker's rows of {@code values} as {@code [T][rows × width]}, in {@code out} if it has that shape. */
    private double[][] columns(double[][] out, double[][] values, int rows, int first) {
        int width = values[0].length / batch;
        double[][] cols = out != null && out.length == steps && out[0].length == rows * width ? out
                : new double[steps][rows * width];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(values[t], first * width, cols[t], 0, rows * width);
        }
        return cols;
    }

    private void run(IntConsumer task) {
        if (crew == null) {
            task.accept(0);
        } else {
            crew.run(task);
        }
    }

    @Override
    public void close() {
        if (crew != null) {
            crew.close();
        }
    }

    /**
     * Helper threads kept hot between rounds: after a round a helper spins (for up to {@value #SPIN_NANOS} ns)
     * before it parks, because waking a parked thread on an idle core costs milliseconds on small machines, longer
     * than the gap between two training steps. The caller runs worker 0 itself.
     */
    static final class Crew implements AutoCloseable {

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
}
