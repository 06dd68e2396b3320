package dev.unroll.compiler.interp;

import dev.unroll.dsl.core.UnrollException;

/**
 * The randomness of a run for dropout and zoneout: the mode, the key the masks are drawn from and the index in the
 * whole batch of the first row run here. In evaluation mode the key and row are irrelevant.
 *
 * @param key the key of the masks, derived by the trainer from the seed, the epoch and the minibatch
 * @param firstRow the global index of row 0 of the run
 * @param training whether dropout and zoneout act (training) or are the identity and the expectation (evaluation)
 */
public record Noise(long key, int firstRow, boolean training) {

    /** Evaluation mode: dropout is the identity, zoneout the expectation. */
    public static final Noise EVALUATION = new Noise(0L, 0, false);

    public Noise {
        if (firstRow < 0) {
            throw new UnrollException("a run's first row must be ≥ 0 (its index in the whole"
                    + " batch), got " + firstRow);
        }
    }

    /** Training mode with masks drawn from {@code key}, rows numbered from 0. */
    public static Noise training(long key) {
        return new Noise(key, 0, true);
    }
}
