package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.stream.Collectors;

/** The shape rule of every op: the output shape of a node from its inputs' shapes and attributes. */
public final class ShapeRules {

    private ShapeRules() {
    }

    /**
     * The output shape of {@code op} applied to {@code in} (null attributes meaning {@link Attrs#NONE}), or an
     * {@link UnrollException} naming the op and the offending shapes. Leaves have declared shapes and are not
     * inferred here.
     */
    public static Shape infer(Op op, List<Shape> in, Attrs attrs) {
        Require.notNull(op, "ShapeRules.infer", "op");
        Require.noNulls(in, "ShapeRules.infer", "the input shapes");
        Attrs a = attrs == null ? Attrs.NONE : attrs;
        checkArity(op, in);
        return switch (op) {
            case INPUT, STATE, PARAM, CONST -> throw new UnrollException(op.mnemonic() + " is a leaf: its shape is declared");
            case MATMUL -> matmul(op, in.get(0), in.get(1), in.get(0).cols(), in.get(1).rows(), in.get(1).cols());
            case MATMUL_NT -> matmul(op, in.get(0), in.get(1), in.get(0).cols(), in.get(1).cols(), in.get(1).rows());
            case MATMUL_TN -> matmulTn(in.get(0), in.get(1));
            case ADD, SUB, MUL, DIV -> sameShape(op, in.get(0), in.get(1));
            case SELECT -> sameShape(op, in.get(0), sameShape(op, in.get(1), in.get(2)));
            case ADD_BIAS -> addBias(in.get(0), in.get(1));
            case NEG, SCALE, TANH, SIGMOID, RELU, STEP, EXP, LOG, SQRT, DETACH, SOFTMAX -> in.get(0);
            case CONCAT -> concat(in);
            case SLICE -> slice(in.get(0), a);
            case PAD -> pad(in.get(0), a);
            case SUM_ROWS, MEAN_ROWS -> Shape.of(1, in.get(0).cols());
            case SUM_COLS, MEAN_COLS -> in.get(0).withCols(1);
            case BROADCAST_ROWS, SPREAD_ROWS -> broadcastRows(op, in.get(0), a);
            case BROADCAST_COLS -> broadcastCols(in.get(0), a);
            case ONE_HOT -> oneHot(in.get(0), a);
            case SOFTMAX_CE -> softmaxCe(in.get(0), in.get(1));
            case DROPOUT -> noise(op, a, in.get(0));
            case ZONEOUT -> noise(op, a, sameShape(op, in.get(0), in.get(1)));
        };
    }

    private static void checkArity(Op op, List<Shape> in) {
        if (!op.takes(in.size())) {
            throw new UnrollException(op.mnemonic() + " takes " + op.arityText() + ", got " + in.size());
        }
    }

    private static Shape matmul(Op op, Shape a, Shape b, int aInner, int bInner, int outCols) {
        if (b.batched()) {
            throw fail(op, "the right operand must be a matrix, not a batched value", a, b);
        }
        if (aInner != bInner) {
            throw fail(op, "inner dimensions differ (" + aInner + " ≠ " + bInner + ")", a, b);
        }
        return new Shape(a.rows(), outCols);
    }

    private static Shape matmulTn(Shape a, Shape b) {
        if (!a.sameRows(b)) {
            throw fail(Op.MATMUL_TN, "both operands must have the same rows", a, b);
        }
        return Shape.of(a.cols(), b.cols());
    }

    private static Shape sameShape(Op op, Shape a, Shape b) {
        if (!a.equals(b)) {
            throw fail(op, "operands must have the same shape", a, b);
        }
        return a;
    }

    private static Shape addBias(Shape a, Shape bias) {
        if (bias.rows() != 1 || bias.cols() != a.cols()) {
            throw fail(Op.ADD_BIAS, "the bias must be a row [1×" + a.cols() + "]", a, bias);
        }
        return a;
    }

    private static Shape concat(List<Shape> in) {
        long cols = 0;
        for (Shape s : in) {
            if (!s.sameRows(in.get(0))) {
                throw fail(Op.CONCAT, "all operands must have the same rows", in.toArray(Shape[]::new));
            }
            cols += s.cols();
        }
        if (cols > Integer.MAX_VALUE) {
            throw fail(Op.CONCAT, "the result would be " + cols + " columns wide, more than " + Integer.MAX_VALUE,
                    in.toArray(Shape[]::new));
        }
        return in.get(0).withCols((int) cols);
    }

    private static Shape slice(Shape a, Attrs at) {
        if (at.offset() < 0 || at.size() < 1 || (long) at.offset() + at.size() > a.cols()) {
            throw fail(Op.SLICE, "columns [" + at.offset() + ", " + ((long) at.offset() + at.size())
                    + ") are not a non-empty range inside [0, " + a.cols() + ")", a);
        }
        return a.withCols(at.size());
    }

    private static Shape pad(Shape a, Attrs at) {
        if (at.offset() < 0 || (long) at.offset() + a.cols() > at.size()) {
            throw fail(Op.PAD, "a value " + a.cols() + " wide does not fit at column " + at.offset()
                    + " of a width of " + at.size(), a);
        }
        return a.withCols(at.size());
    }

    private static Shape broadcastRows(Op op, Shape a, Attrs at) {
        if (a.rows() != 1) {
            throw fail(op, "the operand must be a single row", a);
        }
        if (at.size() != Shape.BATCH && at.size() < 1) {
            throw fail(op, "the target row count must be positive or the batch, got " + at.size(), a);
        }
        return new Shape(at.size(), a.cols());
    }

    private static Shape broadcastCols(Shape a, Attrs at) {
        if (a.cols() != 1 || at.size() < 1) {
            throw fail(Op.BROADCAST_COLS, "the operand must be a single column and the width positive (width "
                    + at.size() + ")", a);
        }
        return a.withCols(at.size());
    }

    private static Shape oneHot(Shape a, Attrs at) {
        if (a.cols() != 1 || at.size() < 1) {
            throw fail(Op.ONE_HOT, "class indices must be one column and the class count positive (classes "
                    + at.size() + ")", a);
        }
        return a.withCols(at.size());
    }

    private static Shape softmaxCe(Shape logits, Shape targets) {
        if (targets.cols() != 1 || !targets.sameRows(logits)) {
            throw fail(Op.SOFTMAX_CE, "targets must be one column of class indices with the logits' rows",
                    logits, targets);
        }
        return logits.withCols(1);
    }

    /** Dropout and zoneout: the operand's shape, for {@code 0 ≤ p < 1}, a site and a step. */
    private static Shape noise(Op op, Attrs at, Shape a) {
        if (!(at.probability() >= 0 && at.probability() < 1) || at.site() < 0
                || at.noiseStep() < Attrs.RUNNING_STEP) {
            throw fail(op, "the probability must be in [0, 1), the site ≥ 0 and the step ≥ 0 or running; got p = "
                    + at.probability() + ", site " + at.site() + ", step " + at.noiseStep(), a);
        }
        return a;
    }

    private static UnrollException fail(Op op, String rule, Shape... shapes) {
        String got = List.of(shapes).stream().map(Shape::toString).collect(Collectors.joining(", "));
        return new UnrollException(op.mnemonic() + ": " + rule + "; got " + got);
    }
}
