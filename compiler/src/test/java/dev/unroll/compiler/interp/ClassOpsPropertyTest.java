package dev.unroll.compiler.interp;

import static dev.unroll.compiler.interp.OneOp.batched;
import static dev.unroll.compiler.interp.Ref.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Op;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One-hot rows and softmax cross-entropy agree with their definitions, and stay exact for logits near ±1000. */
class ClassOpsPropertyTest {

    static final Set<Op> OPS = EnumSet.of(Op.ONE_HOT, Op.SOFTMAX_CE);

    static Gen<Sample> samples() {
        return Sample.gen();
    }

    @Property
    void oneHotHasASingleOneAtTheClassIndex(@ForAll("samples") Sample s) {
        Mat targets = targets(s);
        double[][] expected = new double[s.b()][s.n()];
        for (int r = 0; r < s.b(); r++) {
            expected[r][(int) targets.get(r, 0)] = 1;
        }
        assertClose(expected, OneOp.eval(s.b(), Op.ONE_HOT, Attrs.size(s.n()), batched(targets)), 0, "one_hot");
    }

    @Property
    void softmaxCrossEntropyIsMinusTheLogOfTheTargetsProbability(@ForAll("samples") Sample s) {
        Mat logits = s.u(s.b(), s.n());
        Mat targets = targets(s);
        double[][] expected = new double[s.b()][1];
        for (int r = 0; r < s.b(); r++) {
            double sum = 0;
            for (int c = 0; c < s.n(); c++) {
                sum += Math.exp(logits.get(r, c));
            }
            expected[r][0] = -Math.log(Math.exp(logits.get(r, (int) targets.get(r, 0))) / sum);
        }
        assertClose(expected, OneOp.eval(s.b(), Op.SOFTMAX_CE, Attrs.NONE, batched(logits), batched(targets)),
                1e-12, "softmax_ce");
        Mat shifted = Mat.of(logits.rows(), logits.cols(),
                Arrays.stream(logits.data()).map(a -> a + 1000).toArray());
        assertClose(expected, OneOp.eval(s.b(), Op.SOFTMAX_CE, Attrs.NONE, batched(shifted), batched(targets)),
                1e-9, "softmax_ce of logits + 1000");
    }

    @Test
    void softmaxCrossEntropyOfHugeLogitsIsExact() {
        Mat logits = Mat.rows(new double[] {1000, 0, -1000}, new double[] {1000, 0, -1000},
                new double[] {1000, 0, -1000});
        Mat targets = Mat.rows(new double[] {0}, new double[] {1}, new double[] {2});
        Mat loss = OneOp.eval(3, Op.SOFTMAX_CE, Attrs.NONE, batched(logits), batched(targets));
        assertEquals(Mat.rows(new double[] {0}, new double[] {1000}, new double[] {2000}), loss);
    }

    @Test
    void softmaxOfHugeLogitsIsExact() {
        Mat logits = Mat.rows(new double[] {1000, 1000}, new double[] {1000, 0}, new double[] {-1000, -1000});
        Mat p = OneOp.eval(3, Op.SOFTMAX, Attrs.NONE, batched(logits));
        assertEquals(Mat.rows(new double[] {0.5, 0.5}, new double[] {1, 0}, new double[] {0.5, 0.5}), p);
    }

    /** One class index in {@code [0, n)} per row, derived from the sample's values. */
    private static Mat targets(Sample s) {
        double[] t = new double[s.b()];
        for (int r = 0; r < s.b(); r++) {
            t[r] = Math.floorMod((int) Math.floor(s.v()[r] * 7), s.n());
        }
        return Mat.of(s.b(), 1, t);
    }
}
