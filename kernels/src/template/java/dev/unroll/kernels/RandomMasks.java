package dev.unroll.kernels;

/**
 * The counter-based random stream of dropout and zoneout, and their loops over blocks. Whether a unit is kept is a
 * pure function of (key, site, step, global row, column): no generator state, so a mask does not depend on the
 * thread that draws it or on the order of work, and the interpreter and every kernel draw the same bits. Each draw
 * is one SplitMix64 finalizer (Stafford's variant 13 of the MurmurHash3 mixer) of a Weyl sequence over the unit's
 * index, on a stream mixed from the key, the site and the step.
 */
public final class RandomMasks {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RandomMasks() {
    }

    /** The SplitMix64 finalizer: a bijection of {@code long}s that spreads every input bit over every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The stream of site {@code site} at step {@code step} under {@code key} (a locked mask uses step 0). */
    public static long stream(long key, int site, int step) {
        return mix(mix(key + GOLDEN_GAMMA * (site + 1L)) + GOLDEN_GAMMA * (step + 1L));
    }

    /** The 53 random bits of the unit in global row {@code row} and column {@code col} of {@code stream}. */
    public static long bits(long stream, int row, int col) {
        return mix(stream + GOLDEN_GAMMA * ((long) row << 32 | col)) >>> 11;
    }

    /**
     * The threshold of probability {@code p}: a unit whose {@link #bits} are below it is hit (dropped by dropout,
     * held at its previous value by zoneout), which happens with probability {@code ⌊p·2⁵³⌋ / 2⁵³}.
     */
    public static long threshold(double p) {
        return (long) (p * 0x1.0p53);
    }

    /** Whether the unit in {@code row}, {@code col} of {@code stream} is hit at {@code threshold}. */
    public static boolean hit(long stream, int row, int col, long threshold) {
        return bits(stream, row, col) < threshold;
    }

    // twin: begin
    /**
     * Dropout of {@code rows × cols} values: in training {@code out = x · scale} for a kept unit and {@code 0} for a
     * hit one (rows numbered from {@code firstRow} in the whole batch); in evaluation {@code out = x}.
     */
    public static void dropout(double[] x, int xOff, double[] out, int oOff, int rows, int cols, long threshold,
            double scale, long stream, int firstRow, boolean training) {
        if (!training) {
            System.arraycopy(x, xOff, out, oOff, rows * cols);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int i = r * cols;
            for (int c = 0; c < cols; c++) {
                out[oOff + i + c] = hit(stream, firstRow + r, c, threshold) ? 0 : x[xOff + i + c] * scale;
            }
        }
    }

    /**
     * Zoneout of {@code rows × cols} values: in training {@code out = previous} for a hit unit and {@code next}
     * otherwise; in evaluation the expectation {@code p · previous + q · next}, {@code q = 1 − p}.
     */
    public static void zoneout(double[] previous, int pOff, double[] next, int nOff, double[] out, int oOff, int rows,
            int cols, long threshold, double p, double q, long stream, int firstRow, boolean training) {
        for (int r = 0; r < rows; r++) {
            int i = r * cols;
            for (int c = 0; c < cols; c++) {
                double a = previous[pOff + i + c];
                double b = next[nOff + i + c];
                out[oOff + i + c] = !training ? p * a + q * b : hit(stream, firstRow + r, c, threshold) ? a : b;
            }
        }
    }
    // twin: end
}
