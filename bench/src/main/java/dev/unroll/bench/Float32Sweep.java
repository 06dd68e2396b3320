package dev.unroll.bench;

import dev.unroll.reference.ReferenceValue;
import dev.unroll.reference.Transcendental;

/**
 * Every float bit pattern (or every {@code stride}-th) through a float32 kernel and through the plain path, against
 * the function computed in double by {@link StrictMath}: errors inside the function's domain and in its saturated
 * or out-of-range tails (NaN inputs included) are kept apart; and how far the kernel is from the plain path, in ulps
 * of the plain result.
 */
final class Float32Sweep {

    /** A multiple of every vector length, so the kernel never takes its scalar tail. */
    private static final int BLOCK = 4096;
    private static final long PATTERNS = 1L << 32;

    final UlpStats kernel = new UlpStats();
    final UlpStats plain = new UlpStats();
    final UlpStats kernelTails = new UlpStats();
    final UlpStats plainTails = new UlpStats();
    final UlpStats difference = new UlpStats();

    private Float32Sweep() {
    }

    static Float32Sweep run(Transcendental f, int stride) {
        Float32Sweep sweep = new Float32Sweep();
        float[] x = new float[BLOCK];
        float[] y = new float[BLOCK];
        long bits = 0;
        while (bits < PATTERNS) {
            int n = 0;
            for (; n < BLOCK && bits < PATTERNS; n++, bits += stride) {
                x[n] = Float.intBitsToFloat((int) bits);
            }
            f.kernel(x, y, BLOCK);
            sweep.score(f, x, y, n);
        }
        return sweep;
    }

    private void score(Transcendental f, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            float xi = x[i];
            ReferenceValue reference = ReferenceValue.of(f.strict(xi));
            boolean inDomain = f.inDomain(xi);
            (inDomain ? kernel : kernelTails).add(xi, reference.ulps(y[i]));
            float plainValue = (float) f.plain(xi);
            (inDomain ? plain : plainTails).add(xi, reference.ulps(plainValue));
            difference.add(xi, ReferenceValue.of(plainValue).ulps(y[i]));
        }
    }
}
