package dev.unroll.runtime.text;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The order of one epoch's minibatches over a token stream: the start offset drawn for the epoch and, for random
 * sampling, the shuffled start of every subsequence. {@link #plan} moves it to another epoch in place, reusing its
 * array, and {@link #fill} writes a minibatch's tokens into the caller's arrays, so neither allocates once the
 * array exists.
 */
final class EpochOrder {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final int[] tokens;
    private final int batch;
    private final int steps;
    private final Sampling sampling;
    private final long seed;
    private int offset;
    // Random sampling: the start of every subsequence of the offset grid, shuffled; sized for offset 0, the most.
    private int[] starts;
    // Sequential sampling: the length of each of the batch rows the stream is cut into.
    private int rowLength;
    private int size;

    EpochOrder(int[] tokens, int batch, int steps, Sampling sampling, long seed) {
        this.tokens = tokens;
        this.batch = batch;
        this.steps = steps;
        this.sampling = sampling;
        this.seed = seed;
    }

    /**
     * Plans epoch {@code epoch} (0-based). Its offset and shuffle come from a generator seeded by the seed and the
     * epoch alone, so an epoch does not depend on the epochs planned before it.
     */
    EpochOrder plan(int epoch) {
        SplittableRandom rng = new SplittableRandom(mix(seed + GOLDEN_GAMMA * (epoch + 1L)));
        offset = rng.nextInt(steps);
        size = switch (sampling) {
            case RANDOM -> shuffle(rng);
            case SEQUENTIAL -> rows();
        };
        return this;
    }

    /** The number of minibatches in the planned epoch. */
    int size() {
        return size;
    }

    /** Whether minibatch {@code index} continues the rows of the one before it (sequential, after the first). */
    boolean continues(int index) {
        return sampling == Sampling.SEQUENTIAL && index > 0;
    }

    /** Writes the inputs and targets of minibatch {@code index}, time-major ({@code [t * batch + b]}). */
    void fill(int index, int[] x, int[] y) {
        Objects.checkIndex(index, size);
        for (int b = 0; b < batch; b++) {
            int start = start(index, b);
            for (int t = 0; t < steps; t++) {
                x[t * batch + b] = tokens[start + t];
                y[t * batch + b] = tokens[start + t + 1];
            }
        }
    }

    /** As d2l's {@code seq_data_iter_random}: every subsequence of the offset grid, in a Fisher–Yates shuffle. */
    private int shuffle(SplittableRandom rng) {
        int subsequences = (tokens.length - offset - 1) / steps;
        if (starts == null) {
            starts = new int[(tokens.length - 1) / steps];
        }
        for (int i = 0; i < subsequences; i++) {
            starts[i] = offset + i * steps;
        }
        for (int i = subsequences - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = starts[i];
            starts[i] = starts[j];
            starts[j] = swap;
        }
        return subsequences / batch;
    }

    /** As d2l's {@code seq_data_iter_sequential}: the stream after the offset cut into {@code batch} rows. */
    private int rows() {
        rowLength = (tokens.length - offset - 1) / batch;
        return rowLength / steps;
    }

    private int start(int index, int row) {
        return switch (sampling) {
            case RANDOM -> starts[index * batch + row];
            case SEQUENTIAL -> offset + row * rowLength + index * steps;
        };
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, so nearby seeds give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
