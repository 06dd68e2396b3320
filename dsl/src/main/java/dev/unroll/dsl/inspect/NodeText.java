package dev.unroll.dsl.inspect;

import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Shape;

/** How one node's operation is written in listings and drawings: the mnemonic with its attributes. */
final class NodeText {

    private NodeText() {
    }

    /**
     * For example {@code matmul}, {@code input x}, {@code scale[-0.5]}, {@code slice[2:5]} or
     * {@code dropout[p 0.25, site 1, step 0]} (a mask locked to step 0's).
     */
    static String operation(Node n) {
        Attrs a = n.attrs();
        String name = n.op().mnemonic();
        return switch (n.op()) {
            case INPUT, STATE, PARAM -> name + " " + n.label();
            case CONST, SCALE -> name + "[" + number(a.scalar()) + "]";
            case SLICE -> name + "[" + a.offset() + ":" + (a.offset() + a.size()) + "]";
            case PAD -> name + "[" + a.offset() + " of " + a.size() + "]";
            case BROADCAST_ROWS, SPREAD_ROWS -> name + "[" + (a.size() == Shape.BATCH ? "B" : a.size()) + "]";
            case BROADCAST_COLS, ONE_HOT -> name + "[" + a.size() + "]";
            case DROPOUT, ZONEOUT -> name + "[p " + number(a.probability()) + ", site " + a.site()
                    + (a.noiseStep() == Attrs.RUNNING_STEP ? "" : ", step " + a.noiseStep()) + "]";
            case MATMUL, MATMUL_NT, MATMUL_TN, ADD, SUB, MUL, DIV, SELECT, ADD_BIAS, NEG, TANH, SIGMOID, RELU, STEP,
                    EXP, LOG, SQRT, DETACH, CONCAT, SUM_ROWS, SUM_COLS, MEAN_ROWS, MEAN_COLS, SOFTMAX,
                    SOFTMAX_CE -> name;
        };
    }

    /** A double without a needless fraction: {@code 1}, {@code -0.5}, {@code 1.0E-8}. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
