package dev.unroll.runtime.train;

import dev.unroll.dsl.UnrollException;
import dev.unroll.runtime.model.ProgramExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a minibatch's rows over executors, one per thread, and combines their results in a fixed order, so the
 * loss and gradients do not depend on the number of threads beyond rounding.
 */
final class Workers implements AutoCloseable {

    /** The combined result of one minibatch. */
    record Outcome(double loss, Map<String, double[]> gradients) {
    }

    private final List<ProgramExecutor> executors;
    private final ExecutorService pool;
    private final int[] from;
    private final int[] to;
    private final List<Map<String, double[]>> carried = new ArrayList<>();

    Workers(List<ProgramExecutor> executors, int batch) {
        this.executors = List.copyOf(executors);
        int n = executors.size();
        this.pool = n > 1 ? Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "unroll-worker");
            t.setDaemon(true);
            return t;
        }) : null;
        from = new int[n];
        to = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = batch * i / n;
            to[i] = batch * (i + 1) / n;
            carried.add(Map.of());
        }
    }

    /** Sets the parameters of every executor. */
    void setParameters(Map<String, double[]> params) {
        run(i -> executors.get(i).setParameters(params));
    }

    /**
     * Forward (and, with {@code carry}, backward) over token columns {@code x}, {@code y} ({@code [T×B]},
     * time-major); with {@code continues}, each worker starts from the states its rows ended with last time.
     */
    Outcome run(int steps, int batch, int[] x, int[] y, boolean continues, double[] carry) {
        double[] losses = new double[executors.size()];
        List<Map<String, double[]>> grads = new ArrayList<>(executors.size());
        for (int i = 0; i < executors.size(); i++) {
            grads.add(null);
        }
        run(i -> {
            ProgramExecutor ex = executors.get(i);
            int rows = to[i] - from[i];
            losses[i] = ex.forward(columns(x, steps, batch, i), columns(y, steps, batch, i),
                    continues ? carried.get(i) : Map.of(), rows);
            carried.set(i, ex.finalStates());
            if (carry != null) {
                ex.backward(carry);
                grads.set(i, ex.gradients());
            }
        });
        return combine(losses, grads, batch);
    }

    private Outcome combine(double[] losses, List<Map<String, double[]>> grads, int batch) {
        double loss = 0;
        Map<String, double[]> total = new LinkedHashMap<>();
        for (int i = 0; i < losses.length; i++) {
            double w = (double) (to[i] - from[i]) / batch;
            loss += w * losses[i];
            if (grads.get(i) == null) {
                continue;
            }
            for (Map.Entry<String, double[]> e : grads.get(i).entrySet()) {
                double[] acc = total.computeIfAbsent(e.getKey(), k -> new double[e.getValue().length]);
                for (int j = 0; j < acc.length; j++) {
                    acc[j] += w * e.getValue()[j];
                }
            }
        }
        return new Outcome(loss, total);
    }

    private double[][] columns(int[] tokens, int steps, int batch, int worker) {
        int rows = to[worker] - from[worker];
        double[][] out = new double[steps][rows];
        for (int t = 0; t < steps; t++) {
            for (int r = 0; r < rows; r++) {
                out[t][r] = tokens[t * batch + from[worker] + r];
            }
        }
        return out;
    }

    private interface Task {
        void run(int worker);
    }

    private void run(Task task) {
        if (pool == null) {
            task.run(0);
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < executors.size(); i++) {
            int worker = i;
            futures.add(pool.submit(() -> task.run(worker)));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnrollException("training was interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new UnrollException("a training worker failed: " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
