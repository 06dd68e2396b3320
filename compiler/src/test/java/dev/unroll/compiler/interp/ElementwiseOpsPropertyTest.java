package dev.unroll.compiler.interp;

import static dev.unroll.compiler.interp.OneOp.batched;
import static dev.unroll.compiler.interp.OneOp.fixed;
import static dev.unroll.compiler.interp.Ref.assertClose;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Op;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** Elementwise ops and softmax agree with straightforward formulas on random shapes and values. */
class ElementwiseOpsPropertyTest {

    static final Set<Op> OPS = EnumSet.of(Op.NEG, Op.SCALE, Op.TANH, Op.SIGMOID, Op.RELU, Op.STEP, Op.EXP, Op.LOG,
            Op.SQRT, Op.DETACH, Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.SELECT, Op.ADD_BIAS, Op.SOFTMAX);

    private static final double TOL = 1e-12;

    static Gen<Sample> samples() {
        return Sample.gen();
    }

    @Property
    void unaryOps(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        double k = s.v()[0];
        assertClose(Ref.map(x, a -> -a), unary(s, Op.NEG, Attrs.NONE, x), TOL, "neg");
        assertClose(Ref.map(x, a -> k * a), unary(s, Op.SCALE, Attrs.scalar(k), x), TOL, "scale");
        assertClose(Ref.map(x, a -> 1 - 2 / (Math.exp(2 * a) + 1)), unary(s, Op.TANH, Attrs.NONE, x), TOL, "tanh");
        assertClose(Ref.map(x, a -> 1 / (1 + Math.exp(-a))), unary(s, Op.SIGMOID, Attrs.NONE, x), TOL, "sigmoid");
        assertClose(Ref.map(x, a -> a > 0 ? a : 0), unary(s, Op.RELU, Attrs.NONE, x), TOL, "relu");
        assertClose(Ref.map(x, a -> a > 0 ? 1 : 0), unary(s, Op.STEP, Attrs.NONE, x), TOL, "step");
        assertClose(Ref.map(x, Math::exp), unary(s, Op.EXP, Attrs.NONE, x), TOL, "exp");
        assertClose(Ref.of(x), unary(s, Op.DETACH, Attrs.NONE, x), 0, "detach");
        Mat positive = Mat.of(x.rows(), x.cols(), Arrays.stream(x.data()).map(a -> Math.abs(a) + 0.01)
                .toArray());
        assertClose(Ref.map(positive, Math::log), unary(s, Op.LOG, Attrs.NONE, positive), TOL, "log");
        assertClose(Ref.map(positive, a -> Math.pow(a, 0.5)), unary(s, Op.SQRT, Attrs.NONE, positive), TOL, "sqrt");
    }

    @Property
    void binaryOps(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat y = s.v(s.b(), s.n());
        assertClose(Ref.zip(x, y, (a, b) -> a + b), binary(s, Op.ADD, x, y), TOL, "add");
        assertClose(Ref.zip(x, y, (a, b) -> a - b), binary(s, Op.SUB, x, y), TOL, "sub");
        assertClose(Ref.zip(x, y, (a, b) -> a * b), binary(s, Op.MUL, x, y), TOL, "mul");
        Mat away = Mat.of(y.rows(), y.cols(), Arrays.stream(y.data())
                .map(a -> a < 0 ? a - 0.5 : a + 0.5).toArray());
        assertClose(Ref.zip(x, away, (a, b) -> a / b), binary(s, Op.DIV, x, away), TOL, "div");
    }

    @Property
    void selectChoosesByTheSignAndNeverLetsTheOtherValueThrough(@ForAll("samples") Sample s) {
        Mat m = s.u(s.b(), s.n());
        Mat a = s.v(s.b(), s.n());
        Mat poisoned = Mat.of(a.rows(), a.cols(), Arrays.stream(m.data()).map(x -> x > 0 ? Double.NaN : 7.0)
                .toArray());
        double[][] expected = Ref.zip(m, a, (x, y) -> x > 0 ? y : 7.0);
        assertClose(expected, OneOp.eval(s.b(), Op.SELECT, Attrs.NONE, batched(m), batched(a), batched(poisoned)),
                0, "select");
    }

    @Property
    void addBiasAddsTheRowToEveryRow(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat bias = s.v(1, s.n());
        double[][] expected = Ref.of(x);
        for (double[] row : expected) {
            for (int c = 0; c < row.length; c++) {
                row[c] += bias.get(0, c);
            }
        }
        assertClose(expected, OneOp.eval(s.b(), Op.ADD_BIAS, Attrs.NONE, batched(x), fixed(bias)), TOL, "add_bias");
    }

    @Property
    void softmaxIsExpOverTheRowSumAndStableForLargeLogits(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        double[][] expected = Ref.of(x);
        for (double[] row : expected) {
            double sum = 0;
            for (double a : row) {
                sum += Math.exp(a);
            }
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.exp(row[c]) / sum;
            }
        }
        assertClose(expected, unary(s, Op.SOFTMAX, Attrs.NONE, x), TOL, "softmax");
        Mat shifted = Mat.of(x.rows(), x.cols(), Arrays.stream(x.data()).map(a -> a + 1000).toArray());
        assertClose(expected, unary(s, Op.SOFTMAX, Attrs.NONE, shifted), 1e-9, "softmax of logits + 1000");
    }

    private static Mat unary(Sample s, Op op, Attrs attrs, Mat x) {
        return OneOp.eval(s.b(), op, attrs, batched(x));
    }

    private static Mat binary(Sample s, Op op, Mat x, Mat y) {
        return OneOp.eval(s.b(), op, Attrs.NONE, batched(x), batched(y));
    }
}
