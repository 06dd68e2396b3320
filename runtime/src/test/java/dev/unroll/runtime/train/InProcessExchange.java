package dev.unroll.runtime.train;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link Exchange} between threads of one JVM standing in for processes: each deposits copies of its values,
 * and once all have, each adds them up in process order, starting from process 0's values as a sum over the
 * network would.
 */
final class InProcessExchange {

    private final int processes;
    private final CyclicBarrier barrier;
    private final double[] values;
    private final double[][][] arrays;

    InProcessExchange(int processes) {
        this.processes = processes;
        this.barrier = new CyclicBarrier(processes);
        this.values = new double[processes];
        this.arrays = new double[processes][][];
    }

    /** The exchange of process {@code p}. */
    Exchange of(int p) {
        return (value, local) -> {
            values[p] = value;
            arrays[p] = new double[local.length][];
            for (int i = 0; i < local.length; i++) {
                arrays[p][i] = local[i].clone();
            }
            await();
            double sum = values[0];
            for (int i = 0; i < local.length; i++) {
                System.arraycopy(arrays[0][i], 0, local[i], 0, local[i].length);
            }
            for (int q = 1; q < processes; q++) {
                sum += values[q];
                for (int i = 0; i < local.length; i++) {
                    for (int j = 0; j < local[i].length; j++) {
                        local[i][j] += arrays[q][i][j];
                    }
                }
            }
            // Nobody deposits the next round's values before everyone has read this round's.
            await();
            return sum;
        };
    }

    private void await() {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("a process of the in-process exchange did not arrive", e);
        }
    }
}
