package dev.unroll.compiler.interp;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * An independent implementation of the standard cells' equations on commons-math3 matrices, written from the
 * equations in the Javadoc of {@code Cells} and sharing no code with {@link OpSemantics}.
 */
final class Oracle {

    private Oracle() {
    }

    /** The commons-math3 copy of {@code m}. */
    static RealMatrix real(Mat m) {
        double[][] d = new double[m.rows()][m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                d[r][c] = m.get(r, c);
            }
        }
        return new Array2DRowRealMatrix(d, false);
    }

    /** {@code H_t = φ(X_t W_xh + H_{t-1} W_hh + b_h)}. */
    static RealMatrix rnn(RealMatrix x, RealMatrix h, Params p, DoubleUnaryOperator phi) {
        return map(gate(x, h, p, "h"), phi);
    }

    /** The LSTM's next {@code H_t} and {@code C_t}. */
    static RealMatrix[] lstm(RealMatrix x, RealMatrix h, RealMatrix c, Params p) {
        RealMatrix i = map(gate(x, h, p, "i"), Oracle::sigmoid);
        RealMatrix f = map(gate(x, h, p, "f"), Oracle::sigmoid);
        RealMatrix o = map(gate(x, h, p, "o"), Oracle::sigmoid);
        RealMatrix cTilde = map(gate(x, h, p, "c"), Math::tanh);
        RealMatrix cNext = hadamard(f, c).add(hadamard(i, cTilde));
        RealMatrix hNext = hadamard(o, map(cNext, Math::tanh));
        return new RealMatrix[] {hNext, cNext};
    }

    /** {@code H_t = Z_t ⊙ H_{t-1} + (1 − Z_t) ⊙ H̃_t} with {@code H̃_t = tanh(X_t W_xh + (R_t ⊙ H_{t-1}) W_hh + b_h)}. */
    static RealMatrix gru(RealMatrix x, RealMatrix h, Params p) {
        RealMatrix r = map(gate(x, h, p, "r"), Oracle::sigmoid);
        RealMatrix z = map(gate(x, h, p, "z"), Oracle::sigmoid);
        RealMatrix candidate = map(addRow(x.multiply(p.get("W_xh")).add(hadamard(r, h).multiply(p.get("W_hh"))),
                p.get("b_h")), Math::tanh);
        return hadamard(z, h).add(hadamard(map(z, v -> 1 - v), candidate));
    }

    /** The parameters by name, as commons-math3 matrices. */
    interface Params {
        RealMatrix get(String name);
    }

    private static RealMatrix gate(RealMatrix x, RealMatrix h, Params p, String g) {
        return addRow(x.multiply(p.get("W_x" + g)).add(h.multiply(p.get("W_h" + g))), p.get("b_" + g));
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static RealMatrix addRow(RealMatrix a, RealMatrix row) {
        RealMatrix out = a.copy();
        for (int r = 0; r < a.getRowDimension(); r++) {
            for (int c = 0; c < a.getColumnDimension(); c++) {
                out.addToEntry(r, c, row.getEntry(0, c));
            }
        }
        return out;
    }

    static RealMatrix hadamard(RealMatrix a, RealMatrix b) {
        RealMatrix out = a.copy();
        for (int r = 0; r < a.getRowDimension(); r++) {
            for (int c = 0; c < a.getColumnDimension(); c++) {
                out.setEntry(r, c, a.getEntry(r, c) * b.getEntry(r, c));
            }
        }
        return out;
    }

    static RealMatrix map(RealMatrix a, DoubleUnaryOperator f) {
        RealMatrix out = a.copy();
        for (int r = 0; r < a.getRowDimension(); r++) {
            for (int c = 0; c < a.getColumnDimension(); c++) {
                out.setEntry(r, c, f.applyAsDouble(a.getEntry(r, c)));
            }
        }
        return out;
    }
}
