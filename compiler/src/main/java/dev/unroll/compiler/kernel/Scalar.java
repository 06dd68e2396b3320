package dev.unroll.compiler.kernel;

import dev.unroll.compiler.interp.OpSemantics;

/** The scalar functions generated kernels call per element, defined exactly as the reference interpreter's. */
public final class Scalar {

    private Scalar() {
    }

    /** The logistic function, as {@link OpSemantics#sigmoid}. */
    public static double sigmoid(double x) {
        return OpSemantics.sigmoid(x);
    }

    /** The logistic function in float32: computed in double, then rounded. */
    public static float sigmoid(float x) {
        return (float) OpSemantics.sigmoid(x);
    }

    /** The class index held by {@code value} in row {@code row}, checked to be an integer in {@code [0, classes)}. */
    public static int classIndex(double value, int row, int classes) {
        return OpSemantics.classIndex(value, row, classes);
    }
}
