package dev.unroll.dsl;

import static dev.unroll.dsl.Here.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.ShapeRules;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The public IR checks what it is given, whoever gives it: names and labels that could reach generated source,
 * null arguments, ports that do not match their graph, and sizes whose element count no array holds. Each failure
 * is an {@link UnrollException} with the exact message below.
 */
class PublicIrChecksTest {

    private static final String IR_RULE = "a name in the IR must be " + Names.IR_RULE
            + ", because names reach generated source";
    private static final String PAYLOAD = "h\n System.setProperty(\"pwned\",\"x\"); //";
    private static final SourceLocation HERE = new SourceLocation("PublicIrChecksTest.java", 7);
    private static final Cell RNN = Cells.rnn(2, 3);

    @Test
    void aCellMadeWithNewIsCheckedLikeOneMadeWithDefine() {
        assertMessage("cell name \"h\\u000a System.setProperty(\\u0022pwned\\u0022,\\u0022x\\u0022); //\" is not"
                + " allowed: " + IR_RULE + " (at " + RNN.source() + ")",
                () -> new Cell(PAYLOAD, RNN.graph(), RNN.inputs(), RNN.states(), RNN.params(), RNN.outputs(),
                        RNN.source()));
        assertMessage("input or output name \"y */ static {\\u2026} /** x\" is not allowed: " + IR_RULE
                + " (at a port of a cell)", () -> new Cell.Port("y */ static {\u2026} /** x", 9, Shape.batch(3)));
    }

    @Test
    void aCellsPortsMustMatchItsGraph() {
        List<Cell.Port> wrongShape = List.of(new Cell.Port("x", 0, Shape.batch(5)));
        assertMessage("cell 'rnn': input 'x' is declared [B×5] but its node %0 is [B×2]; a port has the shape of its"
                + " node", () -> new Cell("rnn", RNN.graph(), wrongShape, RNN.states(), RNN.params(), RNN.outputs(),
                null));
        List<Cell.Port> notALeaf = List.of(new Cell.Port("x", 9, Shape.batch(3)));
        assertMessage("cell 'rnn': input 'x' is bound to %9 (tanh), but must be bound to its leaf: input x",
                () -> new Cell("rnn", RNN.graph(), notALeaf, RNN.states(), RNN.params(), RNN.outputs(), null));
        List<Cell.Port> outside = List.of(new Cell.Port("y", 10, Shape.batch(3)));
        assertMessage("cell 'rnn': output 'y' is bound to %10, but the graph has nodes %0 to %9",
                () -> new Cell("rnn", RNN.graph(), RNN.inputs(), RNN.states(), RNN.params(), outside, null));
        List<Cell.Port> twice = List.of(RNN.outputs().get(0), RNN.outputs().get(0));
        assertMessage("cell 'rnn': two outputs are named 'y'; each name may be used once, because values are bound"
                + " by name",
                () -> new Cell("rnn", RNN.graph(), RNN.inputs(), RNN.states(), RNN.params(), twice, null));
    }

    @Test
    void nullArgumentsOfACellNameTheArgument() {
        assertMessage("cell 'rnn': graph is null; every argument must be given (not null)",
                () -> new Cell("rnn", null, RNN.inputs(), RNN.states(), RNN.params(), RNN.outputs(), null));
        assertMessage("cell 'rnn': element 1 of outputs is null; every element must be given (not null)",
                () -> new Cell("rnn", RNN.graph(), RNN.inputs(), RNN.states(), RNN.params(),
                        Arrays.asList(RNN.outputs().get(0), null), null));
        assertMessage("parameter \"W\": init is null; every argument must be given (not null)",
                () -> new Cell.Param("W", 2, Shape.of(2, 3), null));
    }

    @Test
    void relabellingANodeChecksTheLabel() {
        Node tanh = RNN.graph().node(9);
        assertMessage("the label of node %9 (tanh) \"W */ static { System.exit(1); } /** x\" is not allowed: "
                + IR_RULE + " (at " + tanh.source() + ")",
                () -> tanh.withLabel("W */ static { System.exit(1); } /** x"));
        assertMessage("the label of node %9 (tanh) \"x\\u005cu000a\" is not allowed: " + IR_RULE
                + " (at " + tanh.source() + ")", () -> tanh.withLabel("x\\u000a"));
        assertEquals("H__t0", tanh.withLabel("H__t0").label(), "a derived name is a name of the IR");
    }

    @Test
    void aNodeChecksItsLabelArityAndArguments() {
        assertMessage("the label of node %0 (input) null is not allowed: " + IR_RULE
                + " (at PublicIrChecksTest.java:7)",
                () -> new Node(0, Op.INPUT, List.of(), Shape.batch(2), Attrs.NONE, null, HERE));
        assertMessage("node %1 needs an op, a shape and a list of input ids without nulls, got op tanh, shape [B×2],"
                + " inputs [null] (at PublicIrChecksTest.java:7)",
                () -> new Node(1, Op.TANH, Arrays.asList((Integer) null), Shape.batch(2), null, null, HERE));
        assertMessage("a node's id must be at least 0, got %-1 (at PublicIrChecksTest.java:7)",
                () -> new Node(-1, Op.TANH, List.of(0), Shape.batch(2), null, null, HERE));
        assertMessage("a node's scalar attribute must be finite, got NaN; constants and scale factors are finite"
                + " numbers", () -> Attrs.scalar(Double.NaN));
    }

    @Test
    void theGraphBuilderRejectsWhatItCannotAppend() {
        GraphBuilder b = new GraphBuilder();
        b.leaf(Op.INPUT, Shape.batch(2), Attrs.NONE, "x", HERE);
        assertMessage("tanh reads %1, which is not defined yet; the graph has nodes %0 to %0"
                + " (at PublicIrChecksTest.java:7)", () -> b.apply(Op.TANH, HERE, 1));
        assertMessage("GraphBuilder.leaf: tanh is not a leaf op (input, state, param or const); append other ops with"
                + " apply (at PublicIrChecksTest.java:7)", () -> b.leaf(Op.TANH, Shape.batch(2), null, null, HERE));
        assertMessage("GraphBuilder.apply needs a non-leaf op and a list of input ids, got null and [0]"
                + " (at PublicIrChecksTest.java:7)", () -> b.apply(null, List.of(0), null, null, HERE));
        assertMessage("the graph under construction has nodes %0 to %0, so %3 does not exist", () -> b.label(3, "y"));
        assertMessage("the graph has nodes %0 to %9, so %-1 does not exist", () -> RNN.graph().node(-1));
        assertMessage("ShapeRules.infer: element 0 of the input shapes is null; every element must be given (not"
                + " null)", () -> ShapeRules.infer(Op.TANH, Arrays.asList((Shape) null), null));
    }

    @Test
    void sizesWhoseElementCountNoArrayHoldsAreRejectedBeforeAnythingOverflows() {
        int[] line = new int[1];
        UnrollException weight = failure(c -> {
            line[0] = Here.line(); c.weight("W", 65536, 65536);
        });
        assertEquals("parameter W would hold 65536×65536 = 4294967296 elements, but a value holds from 0 to 2147483639"
                + " (the longest Java array); use smaller dimensions (at PublicIrChecksTest.java:" + line[0] + ")",
                weight.getMessage());
        assertMessage("a value of shape [46341×46341] would hold 46341×46341 = 2147488281 elements, but a value holds"
                + " from 0 to 2147483639 (the longest Java array); use smaller dimensions",
                () -> Shape.of(46341, 46341));
        assertMessage("one batch row of shape [B×2147483647] would hold 1×2147483647 = 2147483647 elements, but a"
                + " value holds from 0 to 2147483639 (the longest Java array); use smaller dimensions",
                () -> Shape.batch(Integer.MAX_VALUE));
        UnrollException input = failure(c -> {
            line[0] = Here.line(); c.input("x", Integer.MAX_VALUE);
        });
        assertEquals("input x size must be at most 2147483639 (the longest Java array), got 2147483647"
                + " (at PublicIrChecksTest.java:" + line[0] + ")", input.getMessage());
    }

    @Test
    void namesAndLocationsPrintOnOneLineOfPrintableAscii() {
        assertEquals("Evil */\\u000a\\u005c.java:3", new SourceLocation("Evil */\n\\.java", 3).toString());
        assertEquals("\"" + "x".repeat(Names.PRINTED_LENGTH) + "... (5000 characters)\"",
                Names.quote("x".repeat(5000)));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(UnrollException.class, call).getMessage());
    }
}
