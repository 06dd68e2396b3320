package dev.unroll.compiler.passes.schedule;

import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;

/**
 * Which hoisted nodes can be computed for all steps in one call: those whose op computes each row of a batched value
 * from the same row of its batched operands alone, when every batched operand is kept per step (so the rows of all
 * steps lie one after another, {@code MAX_BATCH} per step) and every other operand is the same for all steps. The
 * call then runs the node's method for step 0 over {@code (steps − 1)·MAX_BATCH + batch} rows; the rows of a step's
 * block beyond the batch are computed too, from values nobody reads, and are never read.
 */
final class RowWise {

    private RowWise() {
    }

    /** Whether hoisted node {@code n} of the forward graph can run as one tall call. */
    static boolean tall(Node n, Graph fwd, boolean[] hoisted) {
        if (!n.shape().batched() || !rowWise(n.op())) {
            return false;
        }
        for (int in : n.inputs()) {
            Node i = fwd.node(in);
            boolean perStep = i.shape().batched() && (hoisted[in] || i.op() == Op.INPUT);
            boolean invariant = !i.shape().batched() && (i.op() == Op.PARAM || i.op() == Op.CONST);
            if (!perStep && !invariant) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code op} works row by row. Not so: reductions and broadcasts over rows, and the ops that check class
     * indices, whose error message names the row of the step (a tall call would name another row and check the
     * unused rows too), and dropout and zoneout, whose masks depend on the step and the row within it.
     */
    static boolean rowWise(Op op) {
        return switch (op) {
            case MATMUL, MATMUL_NT, ADD, SUB, MUL, DIV, SELECT, ADD_BIAS, NEG, SCALE, TANH, SIGMOID, RELU, STEP, EXP,
                    LOG, SQRT, DETACH, CONCAT, SLICE, PAD, SUM_COLS, MEAN_COLS, BROADCAST_COLS, SOFTMAX -> true;
            case INPUT, STATE, PARAM, CONST, MATMUL_TN, SUM_ROWS, MEAN_ROWS, BROADCAST_ROWS, SPREAD_ROWS, ONE_HOT,
                    SOFTMAX_CE, DROPOUT, ZONEOUT -> false;
        };
    }
}
