package dev.unroll.runtime;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import dev.unroll.kernels.Dtype;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks {@code Op.values()}: for every op, a cell using it in its forward graph (built directly on the IR, so ops the
 * DSL only makes in adjoints are covered too) compiles to a kernel that agrees with the interpreter, forward and
 * backward, in both dtypes, for a batch of one and of several rows; and the random ops in training mode too, with the
 * same masks.
 */
class EveryOpAgreesTest {

    private static final SourceLocation AT = new SourceLocation("EveryOpAgreesTest.java", 1);
    private static final int N = 3;

    static List<Op> ops() {
        return Arrays.asList(Op.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void agreesWithTheInterpreter(Op op) {
        Scenario scenario = scenario(op);
        for (Dtype dtype : Dtype.values()) {
            Agreement.check(scenario, dtype, Truncation.full(), 3, 1, 11);
            Agreement.check(scenario, dtype, Truncation.full(), 4, 3, 12);
        }
    }

    /** In training mode, the random ops draw the same masks in generated code as in the interpreter. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("randomOps")
    void randomOpsAgreeInTraining(Op op) {
        for (Dtype dtype : Dtype.values()) {
            Scenario scenario = scenario(op);
            CompiledModel model = Agreement.compile(scenario, Options.float64().dtype(dtype)
                    .maxSteps(Agreement.MAX_STEPS).maxBatch(Agreement.MAX_BATCH), Passes.ALL);
            Agreement.check(model, scenario, 4, 3, 13, new Noise(0x1234L, 5, true));
            Agreement.check(model, scenario, 5, 2, 14, new Noise(-77L, 0, true));
        }
    }

    /** The probe of {@code op} under a squared-error loss. */
    private static Scenario scenario(Op op) {
        return new Scenario("probe " + op.mnemonic(), LossCell.attach(probe(op), "y", Loss.MEAN_SQUARED_ERROR),
                Map.of("tok", N));
    }

    static List<Op> randomOps() {
        return List.of(Op.DROPOUT, Op.ZONEOUT);
    }

    /** A cell {@code h' = tanh(probe + h·W_h)}, {@code y = h'}, whose probe value uses {@code op}. */
    static Cell probe(Op op) {
        GraphBuilder b = new GraphBuilder();
        Leaves l = new Leaves(b);
        int probe = switch (op) {
            case INPUT -> l.x;
            case STATE -> l.h;
            case PARAM -> b.apply(Op.ADD_BIAS, AT, l.x, l.bias);
            case CONST -> b.apply(Op.MUL, AT, l.x, b.leaf(Op.CONST, Shape.batch(N), Attrs.scalar(-0.75), null, AT));
            case MATMUL -> b.apply(Op.MATMUL, AT, l.x, l.w);
            case MATMUL_NT -> b.apply(Op.MATMUL_NT, AT, l.x, l.w);
            case MATMUL_TN -> b.apply(Op.MATMUL, AT, l.x, b.apply(Op.MATMUL_TN, AT, l.x, l.h));
            case ADD -> b.apply(Op.ADD, AT, l.x, l.h);
            case SUB -> b.apply(Op.SUB, AT, l.x, l.h);
            case MUL -> b.apply(Op.MUL, AT, l.x, l.h);
            case DIV -> b.apply(Op.DIV, AT, l.h, b.apply(Op.EXP, AT, l.x));
            case SELECT -> b.apply(Op.SELECT, AT, l.x, l.h, b.apply(Op.NEG, AT, l.x));
            case ADD_BIAS -> b.apply(Op.ADD_BIAS, AT, l.h, l.bias);
            case NEG -> b.apply(Op.NEG, AT, l.x);
            case SCALE -> b.apply(op, List.of(l.x), Attrs.scalar(-1.5), null, AT);
            case TANH, SIGMOID, RELU, EXP, DETACH, SOFTMAX -> b.apply(op, AT, b.apply(Op.ADD, AT, l.x, l.h));
            case STEP -> b.apply(Op.MUL, AT, l.h, b.apply(Op.STEP, AT, l.x));
            case LOG, SQRT -> b.apply(op, AT, b.apply(Op.EXP, AT, l.x));
            case CONCAT -> b.apply(Op.CONCAT, AT, slice(b, l.x, 0, 1), slice(b, l.h, 1, 2));
            case SLICE -> slice(b, b.apply(Op.CONCAT, AT, l.x, l.h), 2, N);
            case PAD -> b.apply(Op.PAD, List.of(slice(b, l.x, 0, 2)), Attrs.range(1, N), null, AT);
            case SUM_ROWS, MEAN_ROWS -> b.apply(Op.ADD_BIAS, AT, l.h, b.apply(op, AT, l.x));
            case SUM_COLS, MEAN_COLS -> columns(b, b.apply(op, AT, l.x));
            case BROADCAST_ROWS -> b.apply(Op.MATMUL, AT, b.apply(op, List.of(l.bias), Attrs.size(Shape.BATCH), null,
                    AT), b.apply(op, List.of(l.bias), Attrs.size(N), null, AT));
            case SPREAD_ROWS -> b.apply(Op.MUL, AT, l.x,
                    b.apply(op, List.of(l.bias), Attrs.size(Shape.BATCH), null, AT));
            case BROADCAST_COLS -> columns(b, slice(b, l.x, 1, 1));
            case ONE_HOT -> b.apply(Op.MUL, AT, l.x, b.apply(op, List.of(l.tok), Attrs.size(N), null, AT));
            case SOFTMAX_CE -> columns(b, b.apply(op, AT, b.apply(Op.MATMUL, AT, l.x, l.w), l.tok));
            case DROPOUT -> b.apply(Op.ADD, AT, b.apply(op, List.of(l.x), Attrs.noise(0.3, 0, Attrs.RUNNING_STEP),
                    null, AT), b.apply(op, List.of(l.h), Attrs.noise(0.5, 1, 0), null, AT));
            case ZONEOUT -> b.apply(op, List.of(l.h, b.apply(Op.TANH, AT, l.x)),
                    Attrs.noise(0.4, 2, Attrs.RUNNING_STEP), null, AT);
        };
        int next = b.apply(Op.TANH, AT, b.apply(Op.ADD, AT, probe, b.apply(Op.MATMUL, AT, l.h, l.wh)));
        return new Cell("probe", b.build(),
                List.of(new Cell.Port("x", l.x, Shape.batch(N)), new Cell.Port("tok", l.tok, Shape.batch(1))),
                List.of(new Cell.State("h", l.h, next, Shape.batch(N))),
                List.of(param("W", l.w, N), param("W_h", l.wh, N), param("b", l.bias, 1)),
                List.of(new Cell.Port("y", next, Shape.batch(N))), AT);
    }

    private static int slice(GraphBuilder b, int value, int from, int width) {
        return b.apply(Op.SLICE, List.of(value), Attrs.range(from, width), null, AT);
    }

    private static int columns(GraphBuilder b, int column) {
        return b.apply(Op.BROADCAST_COLS, List.of(column), Attrs.size(N), null, AT);
    }

    private static Cell.Param param(String name, int node, int rows) {
        return new Cell.Param(name, node, Shape.of(rows, N), Init.xavier());
    }

    /** The probe cell's leaves: input {@code x}, integer input {@code tok}, state {@code h}, parameters. */
    private static final class Leaves {
        final int x;
        final int tok;
        final int h;
        final int w;
        final int wh;
        final int bias;

        Leaves(GraphBuilder b) {
            x = b.leaf(Op.INPUT, Shape.batch(N), Attrs.NONE, "x", AT);
            tok = b.leaf(Op.INPUT, Shape.batch(1), Attrs.NONE, "tok", AT);
            h = b.leaf(Op.STATE, Shape.batch(N), Attrs.NONE, "h", AT);
            w = b.leaf(Op.PARAM, Shape.of(N, N), Attrs.NONE, "W", AT);
            wh = b.leaf(Op.PARAM, Shape.of(N, N), Attrs.NONE, "W_h", AT);
            bias = b.leaf(Op.PARAM, Shape.of(1, N), Attrs.NONE, "b", AT);
        }
    }
}
