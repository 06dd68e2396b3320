package dev.unroll.runtime.text;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.AbstractList;
import java.util.List;

/**
 * The minibatches of a token stream, epoch by epoch, exactly as d2l's {@code seq_data_iter_random} and
 * {@code seq_data_iter_sequential}, except that both draw the start offset from {@code [0, T)} (d2l's sequential
 * iterator draws from {@code [0, T]}).
 *
 * <p>Epoch e's offset and shuffle come from a generator seeded by {@code (seed, e)} alone, so the minibatches of
 * an epoch do not depend on the epochs before it: a run resumed at epoch e sees exactly the batches an
 * uninterrupted run would, with no random-generator state to save.
 */
public final class Minibatches {

    private final int[] tokens;
    private final int batch;
    private final int steps;
    private final Sampling sampling;
    private final long seed;

    private Minibatches(int[] tokens, int batch, int steps, Sampling sampling, long seed) {
        this.tokens = tokens;
        this.batch = batch;
        this.steps = steps;
        this.sampling = sampling;
        this.seed = seed;
    }

    /**
     * Minibatches of {@code batch} sequences of {@code steps} tokens over {@code tokens} (copied); {@code what}
     * names the stream in errors (e.g. "the training split"). The stream needs at least
     * {@link #minimumTokens}{@code (batch, steps)} tokens.
     */
    public static Minibatches of(String what, int[] tokens, int batch, int steps, Sampling sampling, long seed) {
        return over(what, tokens.clone(), batch, steps, sampling, seed);
    }

    /** Like {@link #of} without copying, for streams that are never modified. */
    static Minibatches over(String what, int[] tokens, int batch, int steps, Sampling sampling, long seed) {
        Require.notNull(sampling, "Minibatches", "sampling");
        if (batch < 1 || steps < 1) {
            throw new UnrollException("Minibatches: the batch size B and the number of steps T must be >= 1, got B = "
                    + batch + ", T = " + steps + " for " + what + "; pass positive --batch and --steps");
        }
        long needed = minimumTokens(batch, steps);
        if (tokens.length < needed) {
            throw new UnrollException("Minibatches: " + what + " has " + tokens.length + " tokens, but minibatches"
                    + " of B = " + batch + " sequences of T = " + steps + " steps need at least (B + 1)·T = " + needed
                    + " (B·T + 1 for one minibatch with its shifted targets, plus T - 1 for the random start"
                    + " offset); use a longer text, a smaller batch or fewer steps, or change the validation"
                    + " fraction");
        }
        return new Minibatches(tokens, batch, steps, sampling, seed);
    }

    /** The fewest tokens a stream needs for one minibatch at every start offset: {@code (batch + 1) * steps}. */
    public static long minimumTokens(int batch, int steps) {
        return ((long) batch + 1) * steps;
    }

    /** The minibatches of epoch {@code epoch} (0-based), computed lazily; the same epoch always gives the same list. */
    public List<Batch> epoch(int epoch) {
        EpochOrder order = order().plan(epoch);
        return new AbstractList<>() {
            @Override
            public Batch get(int index) {
                int[] x = new int[steps * batch];
                int[] y = new int[steps * batch];
                order.fill(index, x, y);
                return new Batch(steps, batch, x, y, order.continues(index));
            }

            @Override
            public int size() {
                return order.size();
            }
        };
    }

    /**
     * A cursor over these minibatches that fills one reused minibatch in place, for a training loop that allocates
     * nothing per step; it sees exactly the minibatches of {@link #epoch}. Each cursor is independent of the others.
     */
    public BatchCursor cursor() {
        return new BatchCursor(this, order(), steps, batch);
    }

    /** The sampling mode. */
    public Sampling sampling() {
        return sampling;
    }

    private EpochOrder order() {
        return new EpochOrder(tokens, batch, steps, sampling, seed);
    }
}
