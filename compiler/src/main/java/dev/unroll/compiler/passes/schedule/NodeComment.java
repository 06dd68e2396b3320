package dev.unroll.compiler.passes.schedule;

import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The text of comments in generated code, in the listing's notation ({@code %7 = tanh %6 : [Bx3]  H @ Cells.java:52})
 * but plain ASCII. It holds text from outside (source file names), so every comment is written through
 * {@link CommentText}.
 */
public final class NodeComment {

    private NodeComment() {
    }

    /** The comment for node {@code n} of {@code graph}: its definition, DSL label and the user's source line. */
    public static String comment(Graph graph, Node n) {
        StringBuilder text = new StringBuilder(definition(graph, n));
        if (n.hasLabel() && !n.op().isLeaf()) {
            text.append("  ").append(n.label());
        }
        if (n.source().line() > 0) {
            text.append(n.hasLabel() && !n.op().isLeaf() ? " @ " : "  @ ").append(location(n.source()));
        }
        return text.toString();
    }

    /** {@code %7 = tanh %6 : [Bx3]}. */
    public static String definition(Node n) {
        return definition(n, n.inputs().stream().map(i -> "%" + i));
    }

    /**
     * {@code %26 = sub 1.0 %25 : [Bx3]}: as {@link #definition(Node)}, but an operand that is a constant of
     * {@code graph} is written as its value, since the code reads it as a literal, never from a buffer.
     */
    public static String definition(Graph graph, Node n) {
        return definition(n, n.inputs().stream().map(i -> operand(graph.node(i))));
    }

    /** {@code %6}, or a constant's value, {@code 1.0}. */
    public static String operand(Node n) {
        return n.op() == Op.CONST ? Double.toString(n.attrs().scalar()) : "%" + n.id();
    }

    private static String definition(Node n, Stream<String> operands) {
        String inputs = operands.collect(Collectors.joining(" "));
        return "%" + n.id() + " = " + operation(n) + (inputs.isEmpty() ? "" : " " + inputs) + " : " + shape(n.shape());
    }

    /** {@code [Bx3]} or {@code [2x3]}. */
    public static String shape(Shape s) {
        return "[" + (s.batched() ? "B" : Integer.toString(s.rows())) + "x" + s.cols() + "]";
    }

    /** {@code Cells.java:52}. */
    public static String location(SourceLocation at) {
        return at.file() + ":" + at.line();
    }

    /** The op with its attributes: {@code tanh}, {@code scale[-0.5]}, {@code slice[2:5]}, {@code input x}. */
    public static String operation(Node n) {
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

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
