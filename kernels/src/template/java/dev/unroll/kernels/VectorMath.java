package dev.unroll.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector-API bodies of {@link ArrayMath}'s {@code relu} and {@code step} (blends, exact like the interpreter's
 * branches) and {@code sqrt} (the lanes' IEEE square root, correctly rounded like {@link Math#sqrt}). (Its
 * transcendental functions run on {@link PortableLanes} and {@link PortableFloatLanes}.) Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorMath {

    private static final int LF = FloatTiles.L;
    private static final int LD = DoubleTiles.L;

    private VectorMath() {
    }

    // twin: begin
    /** A blend on the comparison {@code x > 0}, false for NaN, as the interpreter's {@code x > 0 ? x : 0}. */
    static void relu(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector zero = DoubleVector.zero(DoubleTiles.S);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, src, sOff + i);
            zero.blend(x, x.compare(VectorOperators.GT, 0.0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? src[sOff + i] : 0.0;
        }
    }

    /** The lanes' IEEE square root, correctly rounded like {@link Math#sqrt}. */
    static void sqrt(double[] src, int sOff, double[] dst, int dOff, int n) {
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, src, sOff + i);
            x.lanewise(VectorOperators.SQRT).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = (double) Math.sqrt(src[sOff + i]);
        }
    }

    static void step(double[] src, int sOff, double[] dst, int dOff, int n) {
        DoubleVector zero = DoubleVector.zero(DoubleTiles.S);
        DoubleVector one = DoubleVector.broadcast(DoubleTiles.S, 1.0);
        int i = 0;
        for (; i + LD <= n; i += LD) {
            DoubleVector x = DoubleVector.fromArray(DoubleTiles.S, src, sOff + i);
            zero.blend(one, x.compare(VectorOperators.GT, 0.0)).intoArray(dst, dOff + i);
        }
        for (; i < n; i++) {
            dst[dOff + i] = src[sOff + i] > 0 ? 1.0 : 0.0;
        }
    }
    // twin: end
}
