package dev.unroll.compiler.bptt;

import dev.unroll.kernels.RandomMasks;

/**
 * The doubles of {@code new SplittableRandom(seed).nextDouble()}, drawn from a {@code long} state instead of an
 * object: JDK 17's {@code SplittableRandom} constructor allocates a helper object that escape analysis does not
 * remove, and the truncation draws are made once per training step, which must not allocate. The algorithm is
 * SplittableRandom's own, unchanged since JDK 8 (SplitMix64: a Weyl sequence with the golden gamma, finalized by
 * Stafford's variant 13 of the MurmurHash3 mixer); a test checks it draw for draw against the JDK's.
 */
final class SplitMix {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix() {
    }

    /** The state after one more draw from {@code state} (a new generator's state is its seed). */
    static long next(long state) {
        return state + GOLDEN_GAMMA;
    }

    /** The double in {@code [0, 1)} that the draw reaching {@code state} (a result of {@link #next}) yields. */
    static double unit(long state) {
        return (RandomMasks.mix(state) >>> 11) * 0x1.0p-53;
    }
}
