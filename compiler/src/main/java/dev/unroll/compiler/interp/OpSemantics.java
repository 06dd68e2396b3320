package dev.unroll.compiler.interp;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.kernels.KernelException;
import dev.unroll.kernels.RandomMasks;
import dev.unroll.kernels.Scalar;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The interpreter rule of every non-leaf op, in double precision: the living definition of what each op means.
 * Generated code and gradients are checked against these rules.
 */
public final class OpSemantics {

    private OpSemantics() {
    }

    /** The value of non-leaf {@code n} given its inputs' values, for a batch of {@code batch} rows, in evaluation. */
    public static Mat apply(Node n, Mat[] in, int batch) {
        return apply(n, in, batch, Noise.EVALUATION, 0);
    }

    /**
     * The value of non-leaf {@code n} given its inputs' values, for a batch of {@code batch} rows, at step
     * {@code step} of a run with randomness {@code noise}.
     */
    public static Mat apply(Node n, Mat[] in, int batch, Noise noise, int step) {
        OperandChecks.check(n, in, batch);
        Attrs a = n.attrs();
        return switch (n.op()) {
            case INPUT, STATE, PARAM, CONST -> throw new IllegalStateException("leaves are rejected by check");
            case MATMUL -> matmul(in[0], in[1], false, false);
            case MATMUL_NT -> matmul(in[0], in[1], false, true);
            case MATMUL_TN -> matmul(in[0], in[1], true, false);
            case ADD -> zip(in[0], in[1], Double::sum);
            case SUB -> zip(in[0], in[1], (x, y) -> x - y);
            case MUL -> zip(in[0], in[1], (x, y) -> x * y);
            case DIV -> zip(in[0], in[1], (x, y) -> x / y);
            case SELECT -> select(in[0], in[1], in[2]);
            case ADD_BIAS -> addBias(in[0], in[1]);
            case NEG -> map(in[0], x -> -x);
            case SCALE -> map(in[0], x -> a.scalar() * x);
            case TANH -> map(in[0], Math::tanh);
            case SIGMOID -> map(in[0], OpSemantics::sigmoid);
            case RELU -> map(in[0], x -> x > 0 ? x : 0.0);
            case STEP -> map(in[0], x -> x > 0 ? 1.0 : 0.0);
            case EXP -> map(in[0], Math::exp);
            case LOG -> map(in[0], Math::log);
            case SQRT -> map(in[0], Math::sqrt);
            case DETACH -> in[0];
            case CONCAT -> concat(in);
            case SLICE -> slice(in[0], a.offset(), a.size());
            case PAD -> pad(in[0], a.offset(), a.size());
            case SUM_ROWS -> sumRows(in[0], 1.0);
            case MEAN_ROWS -> sumRows(in[0], 1.0 / in[0].rows());
            case SUM_COLS -> sumCols(in[0], 1.0);
            case MEAN_COLS -> sumCols(in[0], 1.0 / in[0].cols());
            case BROADCAST_ROWS -> broadcastRows(in[0], n.shape().rowsFor(batch), 1.0);
            case SPREAD_ROWS -> broadcastRows(in[0], n.shape().rowsFor(batch), 1.0 / n.shape().rowsFor(batch));
            case BROADCAST_COLS -> broadcastCols(in[0], a.size());
            case SOFTMAX -> softmax(in[0]);
            case ONE_HOT -> oneHot(in[0], a.size());
            case SOFTMAX_CE -> softmaxCrossEntropy(in[0], in[1]);
            case DROPOUT -> noise.training() ? dropout(in[0], a, noise, step) : in[0];
            case ZONEOUT -> zoneout(in[0], in[1], a, noise, step);
        };
    }

    /** The random stream of dropout or zoneout attributes {@code a} at step {@code step} of the run. */
    private static long stream(Attrs a, Noise noise, int step) {
        return RandomMasks.stream(noise.key(), a.site(), a.noiseStep() == Attrs.RUNNING_STEP ? step : a.noiseStep());
    }

    private static Mat dropout(Mat x, Attrs a, Noise noise, int step) {
        long stream = stream(a, noise, step);
        long threshold = RandomMasks.threshold(a.probability());
        double scale = 1.0 / (1.0 - a.probability());
        double[] out = new double[x.rows() * x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                boolean hit = RandomMasks.hit(stream, noise.firstRow() + r, c, threshold);
                out[r * x.cols() + c] = hit ? 0 : x.get(r, c) * scale;
            }
        }
        return Mat.wrap(x.rows(), x.cols(), out);
    }

    private static Mat zoneout(Mat previous, Mat next, Attrs a, Noise noise, int step) {
        double p = a.probability();
        double q = 1.0 - p;
        if (!noise.training()) {
            return zip(previous, next, (x, y) -> p * x + q * y);
        }
        long stream = stream(a, noise, step);
        long threshold = RandomMasks.threshold(p);
        double[] out = new double[previous.rows() * previous.cols()];
        for (int r = 0; r < previous.rows(); r++) {
            for (int c = 0; c < previous.cols(); c++) {
                boolean hit = RandomMasks.hit(stream, noise.firstRow() + r, c, threshold);
                out[r * previous.cols() + c] = hit ? previous.get(r, c) : next.get(r, c);
            }
        }
        return Mat.wrap(previous.rows(), previous.cols(), out);
    }

    /** The logistic function, computed without overflow for large negative inputs. */
    public static double sigmoid(double x) {
        return Scalar.sigmoid(x);
    }

    private static Mat matmul(Mat a, Mat b, boolean transA, boolean transB) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        double[] out = new double[m * n];
        double[] ad = a.raw();
        double[] bd = b.raw();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? ad[p * a.cols() + i] : ad[i * a.cols() + p];
                    double y = transB ? bd[j * b.cols() + p] : bd[p * b.cols() + j];
                    s += x * y;
                }
                out[i * n + j] = s;
            }
        }
        return Mat.wrap(m, n, out);
    }

    private static Mat select(Mat m, Mat a, Mat b) {
        double[] chooser = m.raw();
        double[] out = new double[chooser.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = chooser[i] > 0 ? a.raw()[i] : b.raw()[i];
        }
        return Mat.wrap(m.rows(), m.cols(), out);
    }

    private static Mat zip(Mat a, Mat b, DoubleBinaryOperator f) {
        double[] x = a.raw();
        double[] y = b.raw();
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x[i], y[i]);
        }
        return Mat.wrap(a.rows(), a.cols(), out);
    }

    private static Mat map(Mat a, DoubleUnaryOperator f) {
        double[] x = a.raw();
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return Mat.wrap(a.rows(), a.cols(), out);
    }

    private static Mat addBias(Mat a, Mat bias) {
        double[] out = a.data();
        double[] b = bias.raw();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i % a.cols()];
        }
        return Mat.wrap(a.rows(), a.cols(), out);
    }

    private static Mat concat(Mat[] in) {
        int cols = 0;
        for (Mat m : in) {
            cols += m.cols();
        }
        int rows = in[0].rows();
        double[] out = new double[rows * cols];
        int offset = 0;
        for (Mat m : in) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(m.raw(), r * m.cols(), out, r * cols + offset, m.cols());
            }
            offset += m.cols();
        }
        return Mat.wrap(rows, cols, out);
    }

    private static Mat slice(Mat a, int offset, int width) {
        double[] out = new double[a.rows() * width];
        for (int r = 0; r < a.rows(); r++) {
            System.arraycopy(a.raw(), r * a.cols() + offset, out, r * width, width);
        }
        return Mat.wrap(a.rows(), width, out);
    }

    private static Mat pad(Mat a, int offset, int width) {
        double[] out = new double[a.rows() * width];
        for (int r = 0; r < a.rows(); r++) {
            System.arraycopy(a.raw(), r * a.cols(), out, r * width + offset, a.cols());
        }
        return Mat.wrap(a.rows(), width, out);
    }

    private static Mat sumRows(Mat a, double factor) {
        double[] out = new double[a.cols()];
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                out[c] += a.get(r, c);
            }
        }
        for (int c = 0; c < out.length; c++) {
            out[c] *= factor;
        }
        return Mat.wrap(1, a.cols(), out);
    }

    private static Mat sumCols(Mat a, double factor) {
        double[] out = new double[a.rows()];
        for (int r = 0; r < a.rows(); r++) {
            double s = 0;
            for (int c = 0; c < a.cols(); c++) {
                s += a.get(r, c);
            }
            out[r] = s * factor;
        }
        return Mat.wrap(a.rows(), 1, out);
    }

    private static Mat broadcastRows(Mat a, int rows, double factor) {
        double[] out = new double[rows * a.cols()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.raw()[i % a.cols()] * factor;
        }
        return Mat.wrap(rows, a.cols(), out);
    }

    private static Mat broadcastCols(Mat a, int cols) {
        double[] out = new double[a.rows() * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.raw()[i / cols];
        }
        return Mat.wrap(a.rows(), cols, out);
    }

    private static Mat softmax(Mat a) {
        double[] out = new double[a.rows() * a.cols()];
        for (int r = 0; r < a.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < a.cols(); c++) {
                max = Math.max(max, a.get(r, c));
            }
            double sum = 0;
            for (int c = 0; c < a.cols(); c++) {
                out[r * a.cols() + c] = Math.exp(a.get(r, c) - max);
                sum += out[r * a.cols() + c];
            }
            for (int c = 0; c < a.cols(); c++) {
                out[r * a.cols() + c] /= sum;
            }
        }
        return Mat.wrap(a.rows(), a.cols(), out);
    }

    private static Mat oneHot(Mat idx, int classes) {
        double[] out = new double[idx.rows() * classes];
        for (int r = 0; r < idx.rows(); r++) {
            out[r * classes + classIndex(idx, r, classes)] = 1.0;
        }
        return Mat.wrap(idx.rows(), classes, out);
    }

    private static Mat softmaxCrossEntropy(Mat logits, Mat targets) {
        double[] out = new double[logits.rows()];
        for (int r = 0; r < logits.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < logits.cols(); c++) {
                max = Math.max(max, logits.get(r, c));
            }
            double sum = 0;
            for (int c = 0; c < logits.cols(); c++) {
                sum += Math.exp(logits.get(r, c) - max);
            }
            out[r] = max + Math.log(sum) - logits.get(r, classIndex(targets, r, logits.cols()));
        }
        return Mat.wrap(logits.rows(), 1, out);
    }

    /** The class index in row {@code r} of a one-column matrix, checked to be an integer in {@code [0, classes)}. */
    static int classIndex(Mat idx, int r, int classes) {
        return classIndex(idx.get(r, 0), r, classes);
    }

    /** The class index {@code v} of row {@code row}, checked to be an integer in {@code [0, classes)}. */
    public static int classIndex(double v, int row, int classes) {
        try {
            return Scalar.classIndex(v, row, classes);
        } catch (KernelException e) {
            throw new UnrollException(e.getMessage());
        }
    }
}
