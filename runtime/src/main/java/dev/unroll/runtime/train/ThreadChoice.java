package dev.unroll.runtime.train;

import dev.unroll.compiler.model.Program;
import dev.unroll.kernels.Team;

/**
 * The threads a training step uses: the number of workers its batch is split over when the run leaves it open
 * ({@code threads = 0}), one per core but only as many as give every worker enough work that splitting was measured
 * to pay off on the machines of docs/PERFORMANCE.md ("Threads"), and, where the batch is not split, the team that
 * splits the step's large products by columns instead.
 */
public final class ThreadChoice {

    /**
     * The least work, in parameter values × rows × steps, each worker of a step must get for a split to be used:
     * below it the split's fixed cost per step (a round of the crew, the gradients summed and the parameters set once
     * per worker) outweighs what the second core computes.
     */
    static final long MIN_WORK_PER_WORKER = 20_000_000L;

    private ThreadChoice() {
    }

    /**
     * Workers for {@code program} at {@code batch} rows of {@code steps} steps on {@code cores} cores: the most
     * {@code n ≤ min(cores, batch)} for which every worker gets at least {@link #MIN_WORK_PER_WORKER}, and at
     * least one.
     */
    public static int workers(Program program, int batch, int steps, int cores) {
        long work = parameterValues(program) * steps;
        int n = Math.max(1, Math.min(cores, batch));
        while (n > 1 && work * (batch / n) < MIN_WORK_PER_WORKER) {
            n--;
        }
        return n;
    }

    /**
     * The threads of the column-split team ({@link Team}) that the single executor of a step with {@code workers}
     * workers uses, out of {@code threads} allowed: all of them for a batch of one row ({@code rows = 1}, which no
     * split by rows can share) whose largest parameter, one row's product per step, reaches the team's threshold
     * {@link Team#MIN_WORK}; else 1. With more rows a one-worker step keeps one thread: at H = 64, B = 32 a team of
     * two was slower than one thread (0.82×, docs/PERFORMANCE.md), since its products are split into parts too small
     * to pay for the handoffs.
     */
    public static int team(Program program, int rows, int workers, int threads) {
        if (rows > 1 || workers > 1 || threads < 2 || largestParameter(program) < Team.MIN_WORK) {
            return 1;
        }
        return threads;
    }

    /** The values of {@code program}'s largest parameter: the weights of its largest per-step product. */
    static long largestParameter(Program program) {
        long most = 0;
        for (Program.Parameter p : program.parameters()) {
            most = Math.max(most, (long) p.shape().rows() * p.shape().cols());
        }
        return most;
    }

    /** The number of parameter values of {@code program}, each of which a row reads at every step. */
    static long parameterValues(Program program) {
        long n = 0;
        for (Program.Parameter p : program.parameters()) {
            n += (long) p.shape().rows() * p.shape().cols();
        }
        return n;
    }
}
