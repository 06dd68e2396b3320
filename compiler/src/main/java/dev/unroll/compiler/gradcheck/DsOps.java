package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Noise;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Node;
import dev.unroll.kernels.RandomMasks;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * The meaning of every op over {@link DerivativeStructure}s: a second, deliberately separate statement of the ops,
 * written from their definitions and not from the interpreter's code, so that forward mode here and reverse mode
 * on the interpreter can only agree if both are right.
 */
final class DsOps {

    private DsOps() {
    }

    /**
     * The value of non-leaf {@code n} from its inputs, for a batch of {@code batch} rows, at step {@code step} of a
     * run with randomness {@code noise}.
     */
    static DsMat apply(Node n, DsMat[] in, int batch, Noise noise, int step) {
        Attrs a = n.attrs();
        DsMat x = in[0];
        return switch (n.op()) {
            case INPUT, STATE, PARAM, CONST -> throw new IllegalArgumentException("leaf " + n.op() + " is bound");
            case MATMUL -> product(x, in[1], false, false);
            case MATMUL_NT -> product(x, in[1], false, true);
            case MATMUL_TN -> product(x, in[1], true, false);
            case ADD -> x.zip(in[1], DerivativeStructure::add);
            case SUB -> x.zip(in[1], DerivativeStructure::subtract);
            case MUL -> x.zip(in[1], DerivativeStructure::multiply);
            case DIV -> x.zip(in[1], DerivativeStructure::divide);
            case SELECT -> build(x.rows, x.cols, x, (r, c) -> x.get(r, c).getValue() > 0 ? in[1].get(r, c)
                    : in[2].get(r, c));
            case ADD_BIAS -> build(x.rows, x.cols, x, (r, c) -> x.get(r, c).add(in[1].get(0, c)));
            case NEG -> x.map(DerivativeStructure::negate);
            case SCALE -> x.map(v -> v.multiply(a.scalar()));
            case TANH -> x.map(DerivativeStructure::tanh);
            case SIGMOID -> x.map(DsOps::logistic);
            case RELU -> x.map(v -> v.getValue() > 0 ? v : v.multiply(0.0));
            case STEP -> x.map(v -> x.scalar(v.getValue() > 0 ? 1.0 : 0.0));
            case EXP -> x.map(DerivativeStructure::exp);
            case LOG -> x.map(DerivativeStructure::log);
            case SQRT -> x.map(DerivativeStructure::sqrt);
            case DETACH -> x.map(v -> x.scalar(v.getValue()));
            case CONCAT -> concat(in);
            case SLICE -> build(x.rows, a.size(), x, (r, c) -> x.get(r, c + a.offset()));
            case PAD -> build(x.rows, a.size(), x, (r, c) -> c >= a.offset() && c < a.offset() + x.cols
                    ? x.get(r, c - a.offset()) : x.scalar(0.0));
            case SUM_ROWS -> build(1, x.cols, x, (r, c) -> columnSum(x, c));
            case MEAN_ROWS -> build(1, x.cols, x, (r, c) -> columnSum(x, c).divide(x.rows));
            case SUM_COLS -> build(x.rows, 1, x, (r, c) -> rowSum(x, r));
            case MEAN_COLS -> build(x.rows, 1, x, (r, c) -> rowSum(x, r).divide(x.cols));
            case BROADCAST_ROWS -> build(n.shape().rowsFor(batch), x.cols, x, (r, c) -> x.get(0, c));
            case SPREAD_ROWS -> build(n.shape().rowsFor(batch), x.cols, x,
                    (r, c) -> x.get(0, c).divide(n.shape().rowsFor(batch)));
            case BROADCAST_COLS -> build(x.rows, a.size(), x, (r, c) -> x.get(r, 0));
            case SOFTMAX -> softmax(x);
            case ONE_HOT -> build(x.rows, a.size(), x, (r, c) -> x.scalar(classOf(x, r, a.size()) == c ? 1 : 0));
            case SOFTMAX_CE -> build(x.rows, 1, x, (r, c) -> logSumExp(x, r).subtract(x.get(r, classOf(in[1], r,
                    x.cols))));
            case DROPOUT -> !noise.training() ? x : build(x.rows, x.cols, x, (r, c) -> hit(a, noise, step, r, c)
                    ? x.scalar(0.0) : x.get(r, c).divide(1 - a.probability()));
            case ZONEOUT -> build(x.rows, x.cols, x, (r, c) -> !noise.training()
                    ? x.get(r, c).multiply(a.probability()).add(in[1].get(r, c).multiply(1 - a.probability()))
                    : hit(a, noise, step, r, c) ? x.get(r, c) : in[1].get(r, c));
        };
    }

    /** Whether the unit in row {@code r}, column {@code c} is hit by the mask of dropout or zoneout {@code a}. */
    private static boolean hit(Attrs a, Noise noise, int step, int r, int c) {
        int maskStep = a.noiseStep() == Attrs.RUNNING_STEP ? step : a.noiseStep();
        return RandomMasks.hit(RandomMasks.stream(noise.key(), a.site(), maskStep), noise.firstRow() + r, c,
                RandomMasks.threshold(a.probability()));
    }

    /** The logistic function in the form that cannot overflow on either side. */
    private static DerivativeStructure logistic(DerivativeStructure v) {
        if (v.getValue() >= 0) {
            return v.negate().exp().add(1).reciprocal();
        }
        DerivativeStructure e = v.exp();
        return e.divide(e.add(1));
    }

    private interface Element {
        DerivativeStructure at(int r, int c);
    }

    private static DsMat build(int rows, int cols, DsMat like, Element f) {
        DerivativeStructure[] out = new DerivativeStructure[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = f.at(r, c);
            }
        }
        return new DsMat(rows, cols, like.free, out);
    }

    private static DsMat product(DsMat a, DsMat b, boolean transA, boolean transB) {
        int inner = transA ? a.rows : a.cols;
        return build(transA ? a.cols : a.rows, transB ? b.rows : b.cols, a, (r, c) -> {
            DerivativeStructure s = a.scalar(0.0);
            for (int k = 0; k < inner; k++) {
                s = s.add((transA ? a.get(k, r) : a.get(r, k)).multiply(transB ? b.get(c, k) : b.get(k, c)));
            }
            return s;
        });
    }

    private static DsMat concat(DsMat[] in) {
        int cols = 0;
        for (DsMat m : in) {
            cols += m.cols;
        }
        return build(in[0].rows, cols, in[0], (r, c) -> {
            int offset = c;
            for (DsMat m : in) {
                if (offset < m.cols) {
                    return m.get(r, offset);
                }
                offset -= m.cols;
            }
            throw new IllegalStateException("column " + c + " is outside the concatenation");
        });
    }

    private static DerivativeStructure columnSum(DsMat x, int c) {
        DerivativeStructure s = x.scalar(0.0);
        for (int r = 0; r < x.rows; r++) {
            s = s.add(x.get(r, c));
        }
        return s;
    }

    private static DerivativeStructure rowSum(DsMat x, int r) {
        DerivativeStructure s = x.scalar(0.0);
        for (int c = 0; c < x.cols; c++) {
            s = s.add(x.get(r, c));
        }
        return s;
    }

    private static DsMat softmax(DsMat x) {
        return build(x.rows, x.cols, x, (r, c) -> x.get(r, c).subtract(logSumExp(x, r)).exp());
    }

    /** {@code log Σ_c exp(x_rc)}, shifted by the row's largest value so that no exponential overflows. */
    private static DerivativeStructure logSumExp(DsMat x, int r) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < x.cols; c++) {
            max = Math.max(max, x.get(r, c).getValue());
        }
        DerivativeStructure s = x.scalar(0.0);
        for (int c = 0; c < x.cols; c++) {
            s = s.add(x.get(r, c).subtract(max).exp());
        }
        return s.log().add(max);
    }

    private static int classOf(DsMat idx, int r, int classes) {
        double v = idx.get(r, 0).getValue();
        if (!(v >= 0 && v < classes && v == Math.floor(v))) {
            throw new UnrollException("class index " + v + " in row " + r + " is not an integer in [0, " + classes
                    + ")");
        }
        return (int) v;
    }
}
