package dev.unroll.kernels;

/**
 * The scalar functions generated kernels call per element. They are the definition the reference interpreter uses
 * too, so the interpreter and every kernel compute the same value.
 */
public final class Scalar {

    private Scalar() {
    }

    /**
     * The logistic function {@code 1 / (1 + e^-x)}, evaluated on the side where {@code e^-|x|} cannot overflow, so
     * it is exact to rounding over the whole range.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** The logistic function in float32: computed in double, then rounded. */
    public static float sigmoid(float x) {
        return (float) sigmoid((double) x);
    }

    /** The class index held by {@code value} in row {@code row}, checked to be an integer in {@code [0, classes)}. */
    public static int classIndex(double value, int row, int classes) {
        if (!(value >= 0 && value < classes && value == Math.rint(value))) {
            throw new KernelException("class index " + value + " in row " + row + " is not an integer in [0, "
                    + classes + ")");
        }
        return (int) value;
    }
}
