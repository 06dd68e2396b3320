package dev.unroll.runtime.text;

import dev.unroll.dsl.UnrollException;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

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

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

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
        Objects.requireNonNull(sampling, "sampling");
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
        SplittableRandom rng = new SplittableRandom(mix(seed + GOLDEN_GAMMA * (epoch + 1L)));
        int offset = rng.nextInt(steps);
        return switch (sampling) {
            case RANDOM -> randomEpoch(offset, rng);
            case SEQUENTIAL -> sequentialEpoch(offset);
        };
    }

    /** The sampling mode. */
    public Sampling sampling() {
        return sampling;
    }

    private List<Batch> randomEpoch(int offset, SplittableRandom rng) {
        int subsequences = (tokens.length - offset - 1) / steps;
        int[] starts = new int[subsequences];
        for (int i = 0; i < subsequences; i++) {
            starts[i] = offset + i * steps;
        }
        for (int i = subsequences - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = starts[i];
            starts[i] = starts[j];
            starts[j] = swap;
        }
        return new Lazy(subsequences / batch) {
            @Override
            int start(int index, int row) {
                return starts[index * batch + row];
            }
        };
    }

    private List<Batch> sequentialEpoch(int offset) {
        int rowLength = (tokens.length - offset - 1) / batch;
        return new Lazy(rowLength / steps) {
            @Override
            int start(int index, int row) {
                return offset + row * rowLength + index * steps;
            }
        };
    }

    /** The list of one epoch: batch i is built on demand from the start position of each of its rows. */
    private abstract class Lazy extends AbstractList<Batch> {

        private final int size;

        Lazy(int size) {
            this.size = size;
        }

        abstract int start(int index, int row);

        @Override
        public Batch get(int index) {
            Objects.checkIndex(index, size);
            int[] x = new int[steps * batch];
            int[] y = new int[steps * batch];
            for (int b = 0; b < batch; b++) {
                int start = start(index, b);
                for (int t = 0; t < steps; t++) {
                    x[t * batch + b] = tokens[start + t];
                    y[t * batch + b] = tokens[start + t + 1];
                }
            }
            return new Batch(steps, batch, x, y, sampling == Sampling.SEQUENTIAL && index > 0);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, so nearby seeds give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
