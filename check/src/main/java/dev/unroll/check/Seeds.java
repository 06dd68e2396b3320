package dev.unroll.check;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/** Derives the random source of each try from (seed, try index), so any single try can be regenerated. */
final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    static SplittableRandom forTry(long seed, int tryIndex) {
        // Mixing both inputs (not just adding them) keeps the tries of nearby seeds from sharing streams.
        return new SplittableRandom(mix64(mix64(seed) + GOLDEN_GAMMA * (tryIndex + 1L)));
    }

    /** A fresh seed for runs that did not pin one; this is the only non-deterministic input of the engine. */
    static long fresh() {
        return ThreadLocalRandom.current().nextLong();
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
