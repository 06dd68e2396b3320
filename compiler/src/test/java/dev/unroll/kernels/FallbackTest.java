package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.OpSemantics;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java path, which runs when the vector module is absent, is exactly the interpreter's arithmetic in
 * float64: every function of {@link PlainMath} and {@link PlainRows} gives the same bits as {@link OpSemantics}. (The
 * plain matrix products are the reference of {@link BlasPropertyTest}; the runtime's agreement tests also run once
 * without the module, in the {@code plain-kernels} execution of surefire.)
 */
class FallbackTest {

    private static final int ROWS = 5;
    private static final int COLS = 28;

    @Test
    void elementwiseFunctionsAreTheInterpretersBitForBit() {
        double[] x = random(ROWS * COLS, 4.0);
        x[0] = Double.NaN;
        x[1] = -0.0;
        double[] out = new double[x.length];
        Map<Op, Function> functions = new LinkedHashMap<>();
        functions.put(Op.TANH, PlainMath::tanh);
        functions.put(Op.SIGMOID, PlainMath::sigmoid);
        functions.put(Op.EXP, PlainMath::exp);
        functions.put(Op.LOG, PlainMath::log);
        functions.put(Op.SQRT, PlainMath::sqrt);
        functions.put(Op.RELU, PlainMath::relu);
        functions.put(Op.STEP, PlainMath::step);
        functions.forEach((op, f) -> {
            double[] in = op == Op.LOG || op == Op.SQRT ? abs(x) : x;
            f.apply(in, 0, out, 0, in.length);
            assertBits(op.toString(), interpret(op, Mat.of(ROWS, COLS, in)), out);
        });
    }

    /** A float64 function of {@link PlainMath}. */
    private interface Function {
        void apply(double[] src, int sOff, double[] dst, int dOff, int n);
    }

    @Test
    void rowFunctionsAreTheInterpretersBitForBit() {
        double[] logits = random(ROWS * COLS, 30.0);
        double[] softmax = new double[logits.length];
        PlainRows.softmax(logits, 0, softmax, 0, ROWS, COLS);
        assertBits("softmax", interpret(Op.SOFTMAX, Mat.of(ROWS, COLS, logits)), softmax);
        double[] targets = {0, 27, 3, 14, 9};
        double[] ce = new double[ROWS];
        PlainRows.logSumExp(logits, 0, ce, 0, ROWS, COLS);
        for (int r = 0; r < ROWS; r++) {
            ce[r] -= logits[r * COLS + (int) targets[r]];
        }
        assertBits("softmax_ce", interpret(Op.SOFTMAX_CE, Mat.of(ROWS, COLS, logits), Mat.of(ROWS, 1, targets)), ce);
    }

    private static Mat interpret(Op op, Mat... inputs) {
        GraphBuilder b = new GraphBuilder();
        List<Integer> ids = new ArrayList<>();
        for (Mat in : inputs) {
            ids.add(b.leaf(Op.INPUT, Shape.batch(in.cols()), Attrs.NONE, "in" + ids.size(), SourceLocation.UNKNOWN));
        }
        b.apply(op, ids, Attrs.NONE, null, SourceLocation.UNKNOWN);
        Graph g = b.build();
        return OpSemantics.apply(g.node(g.size() - 1), inputs, ROWS);
    }

    private static void assertBits(String what, Mat expected, double[] actual) {
        for (int i = 0; i < actual.length; i++) {
            assertEquals(Double.doubleToLongBits(expected.data()[i]), Double.doubleToLongBits(actual[i]),
                    what + " element " + i + ": " + actual[i] + " vs the interpreter's " + expected.data()[i]);
        }
    }

    private static double[] random(int n, double scale) {
        SplittableRandom rng = new SplittableRandom(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return v;
    }

    private static double[] abs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return out;
    }
}
