package dev.unroll.compiler.autodiff;

import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.List;

/**
 * The gradient rule of every op, as graph construction: given a node {@code y = op(a, b, …)} and the node holding
 * its adjoint {@code g}, appends the nodes computing the adjoint contribution to each input. A contribution that
 * is identically zero is {@link #ABSENT}, never a materialized zero.
 */
final class GradRules {

    /** Marks an input that receives no gradient. */
    static final int ABSENT = -1;

    private GradRules() {
    }

    /**
     * The contributions of adjoint {@code g} of node {@code y} to {@code y}'s inputs, one per input in order.
     * Node ids refer to {@code b}, which already holds the forward nodes under their own ids.
     */
    static int[] contributions(Node y, int g, GraphBuilder b) {
        Emit e = new Emit(b, y.source());
        int a0 = y.inputs().isEmpty() ? ABSENT : y.input(0);
        int a1 = y.inputs().size() < 2 ? ABSENT : y.input(1);
        return switch (y.op()) {
            case INPUT, STATE, PARAM, CONST -> new int[0];
            case MATMUL -> pair(e.op(Op.MATMUL_NT, g, a1), e.op(Op.MATMUL_TN, a0, g));
            case MATMUL_NT -> pair(e.op(Op.MATMUL, g, a1), e.op(Op.MATMUL_TN, g, a0));
            case MATMUL_TN -> pair(e.op(Op.MATMUL_NT, a1, g), e.op(Op.MATMUL, a0, g));
            case ADD -> pair(g, g);
            case SUB -> pair(g, e.op(Op.NEG, g));
            case MUL -> pair(e.op(Op.MUL, g, a1), e.op(Op.MUL, g, a0));
            case DIV -> pair(e.op(Op.DIV, g, a1), e.op(Op.NEG, e.op(Op.DIV, e.op(Op.MUL, g, y.id()), a1)));
            case SELECT -> new int[] {ABSENT, e.op(Op.SELECT, a0, g, e.zero(y.shape())),
                e.op(Op.SELECT, a0, e.zero(y.shape()), g)};
            case ADD_BIAS -> pair(g, e.op(Op.SUM_ROWS, g));
            case NEG -> one(e.op(Op.NEG, g));
            case SCALE -> one(e.attr(Op.SCALE, y.attrs(), g));
            case TANH -> one(e.op(Op.MUL, g, e.op(Op.SUB, e.one(y.shape()), e.op(Op.MUL, y.id(), y.id()))));
            case SIGMOID -> one(e.op(Op.MUL, g, e.op(Op.MUL, y.id(), e.op(Op.SUB, e.one(y.shape()), y.id()))));
            case RELU -> one(e.op(Op.MUL, g, e.op(Op.STEP, a0)));
            case STEP, DETACH, ONE_HOT -> one(ABSENT);
            case EXP -> one(e.op(Op.MUL, g, y.id()));
            case LOG -> one(e.op(Op.DIV, g, a0));
            case SQRT -> one(e.op(Op.DIV, g, e.attr(Op.SCALE, Attrs.scalar(2.0), y.id())));
            case CONCAT -> concat(y, g, e);
            case SLICE -> one(e.attr(Op.PAD, Attrs.range(y.attrs().offset(), b.shape(a0).cols()), g));
            case PAD -> one(e.attr(Op.SLICE, Attrs.range(y.attrs().offset(), b.shape(a0).cols()), g));
            case SUM_ROWS -> one(e.attr(Op.BROADCAST_ROWS, Attrs.size(b.shape(a0).rows()), g));
            case MEAN_ROWS -> one(e.attr(Op.SPREAD_ROWS, Attrs.size(b.shape(a0).rows()), g));
            case SUM_COLS -> one(e.attr(Op.BROADCAST_COLS, Attrs.size(b.shape(a0).cols()), g));
            case MEAN_COLS -> one(e.attr(Op.SCALE, Attrs.scalar(1.0 / b.shape(a0).cols()),
                    e.attr(Op.BROADCAST_COLS, Attrs.size(b.shape(a0).cols()), g)));
            case BROADCAST_ROWS -> one(e.op(Op.SUM_ROWS, g));
            case SPREAD_ROWS -> one(e.op(Op.MEAN_ROWS, g));
            case BROADCAST_COLS -> one(e.op(Op.SUM_COLS, g));
            case SOFTMAX -> one(e.op(Op.MUL, y.id(), e.op(Op.SUB, g,
                    e.attr(Op.BROADCAST_COLS, Attrs.size(y.shape().cols()), e.op(Op.SUM_COLS, e.op(Op.MUL, g, y.id()))))));
            case SOFTMAX_CE -> pair(softmaxCe(y, g, a0, a1, b, e), ABSENT);
            case DROPOUT -> one(e.attr(Op.DROPOUT, y.attrs(), g));
            case ZONEOUT -> pair(e.attr(Op.ZONEOUT, y.attrs(), g, e.zero(y.shape())),
                    e.attr(Op.ZONEOUT, y.attrs(), e.zero(y.shape()), g));
        };
    }

    private static int softmaxCe(Node y, int g, int logits, int targets, GraphBuilder b, Emit e) {
        int classes = b.shape(logits).cols();
        int residual = e.op(Op.SUB, e.op(Op.SOFTMAX, logits), e.attr(Op.ONE_HOT, Attrs.size(classes), targets));
        return e.op(Op.MUL, residual, e.attr(Op.BROADCAST_COLS, Attrs.size(classes), g));
    }

    private static int[] concat(Node y, int g, Emit e) {
        int[] out = new int[y.inputs().size()];
        int offset = 0;
        for (int i = 0; i < out.length; i++) {
            int width = e.b.shape(y.input(i)).cols();
            out[i] = e.attr(Op.SLICE, Attrs.range(offset, width), g);
            offset += width;
        }
        return out;
    }

    private static int[] one(int a) {
        return new int[] {a};
    }

    private static int[] pair(int a, int b) {
        return new int[] {a, b};
    }

    /** Appends gradient nodes, all attributed to the forward node's source line. */
    private record Emit(GraphBuilder b, SourceLocation at) {

        int op(Op op, int... inputs) {
            return attr(op, Attrs.NONE, inputs);
        }

        int attr(Op op, Attrs attrs, int... inputs) {
            return b.apply(op, List.of(box(inputs)), attrs, null, at);
        }

        int one(Shape shape) {
            return b.leaf(Op.CONST, shape, Attrs.scalar(1.0), null, at);
        }

        int zero(Shape shape) {
            return b.leaf(Op.CONST, shape, Attrs.scalar(0.0), null, at);
        }

        private static Integer[] box(int[] ids) {
            Integer[] out = new Integer[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = ids[i];
            }
            return out;
        }
    }
}
