package dev.unroll.kernels;

/**
 * The elementwise arithmetic of generated kernels over whole blocks: sums, differences, products and quotients of two
 * blocks or of a block and a constant, negation and scaling, bias rows, column sums and accumulation. On the vector
 * path ({@link Acceleration}) they run on {@link VectorArith}, otherwise on {@link PlainArith}; both compute exactly
 * what the interpreter does, bit for bit. Generated code calls these rather than writing its own loops because
 * HotSpot does not vectorize a loop over offset flat arrays ({@code out[o + i] = a[p + i] * b[q + i]}) on its own.
 */
public final class Elementwise {

    private Elementwise() {
    }

    // twin: begin
    /** {@code out = a + b}, element by element. */
    public static void add(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.add(a, aOff, b, bOff, out, oOff, n);
        } else {
            PlainArith.add(a, aOff, b, bOff, out, oOff, n);
        }
    }

    /** {@code out = a - b}, element by element. */
    public static void sub(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.sub(a, aOff, b, bOff, out, oOff, n);
        } else {
            PlainArith.sub(a, aOff, b, bOff, out, oOff, n);
        }
    }

    /** {@code out = a * b}, element by element. */
    public static void mul(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.mul(a, aOff, b, bOff, out, oOff, n);
        } else {
            PlainArith.mul(a, aOff, b, bOff, out, oOff, n);
        }
    }

    /**
     * {@code out = m > 0 ? a : b}, element by element: a true choice, so the value not chosen (padding, even NaN or
     * infinite) never reaches {@code out}.
     */
    public static void select(double[] m, int mOff, double[] a, int aOff, double[] b, int bOff, double[] out,
            int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.select(m, mOff, a, aOff, b, bOff, out, oOff, n);
        } else {
            PlainArith.select(m, mOff, a, aOff, b, bOff, out, oOff, n);
        }
    }

    /** {@code out = m > 0 ? a : c}, element by element: {@code select} with a constant second branch. */
    public static void selectScalar(double[] m, int mOff, double[] a, int aOff, double c, double[] out, int oOff,
            int n) {
        if (Acceleration.VECTOR) {
            VectorArith.selectScalar(m, mOff, a, aOff, c, out, oOff, n);
        } else {
            PlainArith.selectScalar(m, mOff, a, aOff, c, out, oOff, n);
        }
    }

    /** {@code out = m > 0 ? c : b}, element by element: {@code select} with a constant first branch. */
    public static void scalarSelect(double[] m, int mOff, double c, double[] b, int bOff, double[] out, int oOff,
            int n) {
        if (Acceleration.VECTOR) {
            VectorArith.scalarSelect(m, mOff, c, b, bOff, out, oOff, n);
        } else {
            PlainArith.scalarSelect(m, mOff, c, b, bOff, out, oOff, n);
        }
    }

    /** {@code out = a / b}, element by element. */
    public static void div(double[] a, int aOff, double[] b, int bOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.div(a, aOff, b, bOff, out, oOff, n);
        } else {
            PlainArith.div(a, aOff, b, bOff, out, oOff, n);
        }
    }

    /** {@code out = −a}. */
    public static void neg(double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.neg(a, aOff, out, oOff, n);
        } else {
            PlainArith.neg(a, aOff, out, oOff, n);
        }
    }

    /** {@code out = s · a}. */
    public static void scale(double s, double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.scale(s, a, aOff, out, oOff, n);
        } else {
            PlainArith.scale(s, a, aOff, out, oOff, n);
        }
    }

    /** {@code out = a + c}, element by element: {@code add} with a constant second operand. */
    public static void addScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.addScalar(c, a, aOff, out, oOff, n);
        } else {
            PlainArith.addScalar(c, a, aOff, out, oOff, n);
        }
    }

    /** {@code out = a - c}, element by element: {@code sub} with a constant second operand. */
    public static void subScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.subScalar(c, a, aOff, out, oOff, n);
        } else {
            PlainArith.subScalar(c, a, aOff, out, oOff, n);
        }
    }

    /** {@code out = c - a}, element by element: {@code sub} with a constant first operand. */
    public static void subFrom(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.subFrom(c, a, aOff, out, oOff, n);
        } else {
            PlainArith.subFrom(c, a, aOff, out, oOff, n);
        }
    }

    /**
     * {@code out = a / c}, element by element:
     * {@code div} with a constant second operand: a division, never a product with the reciprocal, so it rounds as
     * {@code div} does.
     */
    public static void divScalar(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.divScalar(c, a, aOff, out, oOff, n);
        } else {
            PlainArith.divScalar(c, a, aOff, out, oOff, n);
        }
    }

    /** {@code out = c / a}, element by element: {@code div} with a constant first operand. */
    public static void scalarDiv(double c, double[] a, int aOff, double[] out, int oOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.scalarDiv(c, a, aOff, out, oOff, n);
        } else {
            PlainArith.scalarDiv(c, a, aOff, out, oOff, n);
        }
    }

    /** {@code out[r, c] = a[r, c] + bias[c]} over {@code rows × cols} values. */
    public static void addBias(double[] a, int aOff, double[] bias, int bOff, double[] out, int oOff, int rows, int cols) {
        if (Acceleration.VECTOR) {
            VectorArith.addBias(a, aOff, bias, bOff, out, oOff, rows, cols);
        } else {
            PlainArith.addBias(a, aOff, bias, bOff, out, oOff, rows, cols);
        }
    }

    /** {@code out[c] = Σ_r a[r, c]}, summed from zero in row order. */
    public static void sumRows(double[] a, int aOff, double[] out, int oOff, int rows, int cols) {
        if (Acceleration.VECTOR) {
            VectorArith.sumRows(a, aOff, out, oOff, rows, cols);
        } else {
            PlainArith.sumRows(a, aOff, out, oOff, rows, cols);
        }
    }

    /** {@code dst += src}. */
    public static void accumulate(double[] src, int sOff, double[] dst, int dOff, int n) {
        if (Acceleration.VECTOR) {
            VectorArith.accumulate(src, sOff, dst, dOff, n);
        } else {
            PlainArith.accumulate(src, sOff, dst, dOff, n);
        }
    }
    // twin: end
}
