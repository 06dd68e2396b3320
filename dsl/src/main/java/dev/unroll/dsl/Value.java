package dev.unroll.dsl;

import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * A symbolic value inside a cell under construction: every method appends one node to the cell's graph and
 * returns the new value, so expressions read like the cell's equations.
 */
public final class Value {

    private final CellBuilder builder;
    private final int id;

    Value(CellBuilder builder, int id) {
        this.builder = builder;
        this.id = id;
    }

    /** The node id of this value in its cell's graph. */
    public int id() {
        return id;
    }

    /** The static shape of this value. */
    public Shape shape() {
        return builder.graph().shape(id);
    }

    CellBuilder builder() {
        return builder;
    }

    /** Names this value; the name appears in listings and as the variable name in generated code. */
    public Value as(String name) {
        SourceLocation at = SourceCapture.caller();
        builder.own(this, "as");
        if (builder.graph().node(id).op().isLeaf() && builder.graph().node(id).hasLabel()) {
            throw new UnrollException("as: %" + id + " is already named '" + builder.graph().node(id).label()
                    + "' (at " + at + ")");
        }
        builder.graph().label(id, Names.require("value", name, at));
        return this;
    }

    /** {@code this · w}: a batched value times a matrix. */
    public Value matmul(Value w) {
        return binary(Op.MATMUL, w);
    }

    /** Elementwise {@code this + other}. */
    public Value add(Value other) {
        return binary(Op.ADD, other);
    }

    /** Elementwise {@code this − other}. */
    public Value sub(Value other) {
        return binary(Op.SUB, other);
    }

    /** Elementwise (Hadamard) {@code this ⊙ other}. */
    public Value mul(Value other) {
        return binary(Op.MUL, other);
    }

    /** Elementwise {@code this / other}. */
    public Value div(Value other) {
        return binary(Op.DIV, other);
    }

    /**
     * {@code this > 0 ? ifPositive : otherwise}, element by element, all three of one shape: a true choice, so the
     * value not chosen never reaches the result (nor its gradient); {@code this} gets no gradient.
     */
    public Value select(Value ifPositive, Value otherwise) {
        builder.own(ifPositive, "select");
        builder.own(otherwise, "select");
        return apply(Op.SELECT, List.of(id, ifPositive.id, otherwise.id), Attrs.NONE);
    }

    /** Adds a bias row {@code [1×n]} to every row. */
    public Value addBias(Value bias) {
        return binary(Op.ADD_BIAS, bias);
    }

    /** {@code −this}. */
    public Value neg() {
        return unary(Op.NEG, Attrs.NONE);
    }

    /** {@code k · this} for a constant {@code k}. */
    public Value scale(double k) {
        if (!Double.isFinite(k)) {
            throw new UnrollException("scale: the factor must be finite, got " + k + " (at "
                    + SourceCapture.caller() + ")");
        }
        return unary(Op.SCALE, Attrs.scalar(k));
    }

    /** {@code 1 − this}, as in the GRU's {@code (1 − Z_t)}. */
    public Value oneMinus() {
        builder.own(this, "oneMinus");
        return builder.constant(1.0, shape().cols()).sub(this);
    }

    /** Hyperbolic tangent. */
    public Value tanh() {
        return unary(Op.TANH, Attrs.NONE);
    }

    /** Logistic sigmoid. */
    public Value sigmoid() {
        return unary(Op.SIGMOID, Attrs.NONE);
    }

    /** Rectified linear unit. */
    public Value relu() {
        return unary(Op.RELU, Attrs.NONE);
    }

    /** Natural exponential. */
    public Value exp() {
        return unary(Op.EXP, Attrs.NONE);
    }

    /** Natural logarithm. */
    public Value log() {
        return unary(Op.LOG, Attrs.NONE);
    }

    /** Square root, elementwise; the values must be non-negative (and positive where a gradient flows). */
    public Value sqrt() {
        return unary(Op.SQRT, Attrs.NONE);
    }

    /** The same value with gradients stopped. */
    public Value detach() {
        return unary(Op.DETACH, Attrs.NONE);
    }

    /** Row-wise softmax. */
    public Value softmax() {
        return unary(Op.SOFTMAX, Attrs.NONE);
    }

    /** Columns {@code [from, to)}. */
    public Value slice(int from, int to) {
        if (from < 0 || to <= from || to > shape().cols()) {
            throw new UnrollException("slice: columns [" + from + ", " + to + ") are not a non-empty range inside [0, "
                    + shape().cols() + ") of %" + id + label() + " " + shape() + " (at " + SourceCapture.caller() + ")");
        }
        return unary(Op.SLICE, Attrs.range(from, to - from));
    }

    /** Repeats this row {@code [1×n]} for every batch row, {@code [B×n]} (for example a peephole weight). */
    public Value broadcast() {
        return unary(Op.BROADCAST_ROWS, Attrs.size(Shape.BATCH));
    }

    /** Sum over rows, {@code [r×n] → [1×n]}. */
    public Value sumRows() {
        return unary(Op.SUM_ROWS, Attrs.NONE);
    }

    /** Sum over features, {@code [r×n] → [r×1]}. */
    public Value sumCols() {
        return unary(Op.SUM_COLS, Attrs.NONE);
    }

    /** Mean over rows, {@code [r×n] → [1×n]}. */
    public Value meanRows() {
        return unary(Op.MEAN_ROWS, Attrs.NONE);
    }

    /** Mean over features, {@code [r×n] → [r×1]}. */
    public Value meanCols() {
        return unary(Op.MEAN_COLS, Attrs.NONE);
    }

    /** Repeats this column {@code [r×1]} to {@code size} columns, {@code [r×size]} (for example a row statistic). */
    public Value broadcastCols(int size) {
        if (size < 1) {
            throw new UnrollException("broadcastCols: the width must be at least 1, got " + size + " (at "
                    + SourceCapture.caller() + ")");
        }
        return unary(Op.BROADCAST_COLS, Attrs.size(size));
    }

    /** One-hot rows of width {@code classes} from this column of class indices. */
    public Value oneHot(int classes) {
        if (classes < 1) {
            throw new UnrollException("oneHot: the class count must be at least 1, got " + classes + " (at "
                    + SourceCapture.caller() + ")");
        }
        return unary(Op.ONE_HOT, Attrs.size(classes));
    }

    /** Row-wise softmax cross-entropy of these logits against a column of integer class indices. */
    public Value softmaxCrossEntropy(Value targets) {
        return binary(Op.SOFTMAX_CE, targets);
    }

    /** Concatenation along features of this value and {@code others}. */
    public Value concat(Value... others) {
        if (others == null) {
            throw new UnrollException("concat: the operand array is null (at " + SourceCapture.caller() + ")");
        }
        List<Integer> ids = new ArrayList<>();
        ids.add(id);
        for (Value v : others) {
            builder.own(v, "concat");
            ids.add(v.id);
        }
        return apply(Op.CONCAT, ids, Attrs.NONE);
    }

    private String label() {
        String name = builder.graph().node(id).label();
        return name == null ? "" : " " + name;
    }

    @Override
    public String toString() {
        return "%" + id + " " + shape();
    }

    private Value unary(Op op, Attrs attrs) {
        return apply(op, List.of(id), attrs);
    }

    private Value binary(Op op, Value other) {
        builder.own(other, op.mnemonic());
        return apply(op, List.of(id, other.id), Attrs.NONE);
    }

    private Value apply(Op op, List<Integer> inputs, Attrs attrs) {
        builder.own(this, op.mnemonic());
        return new Value(builder, builder.graph().apply(op, inputs, attrs, null, SourceCapture.caller()));
    }
}
