package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import dev.unroll.kernels.Dtype;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Walks {@code Op.values()}: every op has an emitter row, which writes code for computed ops and none for leaves.
 * (The numbers each row computes are checked against the interpreter by the runtime's {@code EveryOpAgreesTest}.)
 */
class OpEmitterTest {

    private static final SourceLocation AT = SourceLocation.UNKNOWN;

    @Test
    void everyOpHasAnEmitterRow() {
        for (Dtype dtype : Dtype.values()) {
            for (Op op : Op.values()) {
                CodeBlock code = OpEmitter.body(context(graph(op), dtype));
                if (op.isLeaf()) {
                    assertTrue(code.isEmpty(), op + ": leaves are bound, not computed, so their row writes nothing");
                } else {
                    assertTrue(code.toString().matches("(?s).*\\bout\\b.*"), op + " " + dtype + " writes its output: "
                            + code);
                }
            }
        }
    }

    @Test
    void anElementwiseRowIsOneElementwiseCallPerBlock() {
        assertEquals("dev.unroll.kernels.Elementwise.mul(in0, 0, in1, 0, out, 0, batch * 3);\n",
                OpEmitter.body(context(graph(Op.MUL), Dtype.FLOAT64)).toString());
        assertEquals("dev.unroll.kernels.Elementwise.scale(-0.5f, in0, 0, out, 0, batch * 3);\n",
                OpEmitter.body(context(graph(Op.SCALE), Dtype.FLOAT32)).toString());
    }

    @Test
    void aTranscendentalRowIsOneArrayMathCallPerBlock() {
        for (Dtype dtype : Dtype.values()) {
            assertEquals("dev.unroll.kernels.ArrayMath.tanh(in0, 0, out, 0, batch * 3);\n",
                    OpEmitter.body(context(graph(Op.TANH), dtype)).toString());
        }
    }

    @Test
    void aRandomRowDrawsTheStreamOfItsSiteAtTheRunningOrFixedStep() {
        assertEquals("dev.unroll.kernels.RandomMasks.dropout(in0, 0, out, 0, batch, 3, 2251799813685248L, 1.3333333333333333,"
                        + " noiseStream(4, t), noiseFirstRow(), training());\n",
                OpEmitter.body(context(graph(Op.DROPOUT), Dtype.FLOAT64)).toString());
        assertEquals("dev.unroll.kernels.RandomMasks.zoneout(in0, 0, in1, 0, out, 0, batch, 3, 4503599627370496L, 0.5f,"
                        + " 0.5f, noiseStream(1, 0), noiseFirstRow(), training());\n",
                OpEmitter.body(context(graph(Op.ZONEOUT), Dtype.FLOAT32)).toString());
    }

    /** A graph whose last node applies {@code op} to leaves of shapes its rule accepts. */
    static Graph graph(Op op) {
        GraphBuilder b = new GraphBuilder();
        switch (op) {
            case INPUT, STATE, PARAM -> b.leaf(op, Shape.batch(3), Attrs.NONE, "leaf", AT);
            case CONST -> b.leaf(op, Shape.batch(3), Attrs.scalar(2), null, AT);
            case MATMUL -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.of(3, 2));
            case MATMUL_NT -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.of(2, 3));
            case MATMUL_TN -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.batch(2));
            case ADD, SUB, MUL, DIV -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.batch(3));
            case SELECT -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.batch(3), Shape.batch(3));
            case ADD_BIAS -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.of(1, 3));
            case NEG, TANH, SIGMOID, RELU, STEP, EXP, LOG, SQRT, DETACH, SOFTMAX, SUM_ROWS, SUM_COLS, MEAN_ROWS,
                    MEAN_COLS -> apply(b, op, Attrs.NONE, Shape.batch(3));
            case SCALE -> apply(b, op, Attrs.scalar(-0.5), Shape.batch(3));
            case CONCAT -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.batch(2), Shape.batch(1));
            case SLICE -> apply(b, op, Attrs.range(1, 2), Shape.batch(3));
            case PAD -> apply(b, op, Attrs.range(1, 4), Shape.batch(2));
            case BROADCAST_ROWS, SPREAD_ROWS -> apply(b, op, Attrs.size(Shape.BATCH), Shape.of(1, 3));
            case BROADCAST_COLS, ONE_HOT -> apply(b, op, Attrs.size(3), Shape.batch(1));
            case SOFTMAX_CE -> apply(b, op, Attrs.NONE, Shape.batch(3), Shape.batch(1));
            case DROPOUT -> apply(b, op, Attrs.noise(0.25, 4, Attrs.RUNNING_STEP), Shape.batch(3));
            case ZONEOUT -> apply(b, op, Attrs.noise(0.5, 1, 0), Shape.batch(3), Shape.batch(3));
        }
        return b.build();
    }

    private static void apply(GraphBuilder b, Op op, Attrs attrs, Shape... inputs) {
        List<Integer> ids = new ArrayList<>();
        for (Shape s : inputs) {
            ids.add(b.leaf(Op.INPUT, s, Attrs.NONE, "in" + ids.size(), AT));
        }
        b.apply(op, ids, attrs, null, AT);
    }

    /** The context of the graph's last node: inputs {@code in0, in1, …}, output {@code out}, single blocks. */
    private static NodeCode context(Graph g, Dtype dtype) {
        Node n = g.node(g.size() - 1);
        List<Operand> in = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            in.add(new Operand("in" + i, null, g.shape(n.input(i))));
        }
        Naming names = new Naming("K");
        return new NodeCode(n, new Operand("out", null, n.shape()), in, new Syntax(dtype), names, names.locals());
    }
}
