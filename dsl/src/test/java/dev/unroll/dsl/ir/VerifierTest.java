package dev.unroll.dsl.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A graph verifies itself when made: it accepts what the DSL builds and names the first node that breaks a rule. */
class VerifierTest {

    private static final SourceLocation HERE = new SourceLocation("VerifierTest.java", 1);

    @Test
    void standardCellsVerify() {
        for (var cell : List.of(Cells.rnn(2, 3), Cells.lstm(2, 3), Cells.gru(2, 3))) {
            assertEquals(cell.graph(), new Graph(cell.graph().nodes()));
        }
    }

    @Test
    void nodeWhoseShapeDisagreesWithItsRule() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Graph(List.of(
                leaf(0, Op.INPUT, Shape.batch(3), "x"),
                new Node(1, Op.TANH, List.of(0), Shape.batch(4), Attrs.NONE, null, HERE))));
        assertEquals("graph: %1 (tanh) has shape [B×4] but its rule gives [B×3] (at VerifierTest.java:1)",
                e.getMessage());
    }

    @Test
    void nodeReadingALaterNode() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Graph(List.of(
                new Node(0, Op.TANH, List.of(1), Shape.batch(3), Attrs.NONE, null, HERE),
                leaf(1, Op.INPUT, Shape.batch(3), "x"))));
        assertEquals("graph: %0 (tanh) reads %1, which is not defined before it; a node reads only earlier nodes,"
                + " so a graph has no cycles (at VerifierTest.java:1)", e.getMessage());
    }

    @Test
    void cycle() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Graph(List.of(
                leaf(0, Op.INPUT, Shape.batch(3), "x"),
                new Node(1, Op.ADD, List.of(0, 2), Shape.batch(3), Attrs.NONE, null, HERE),
                new Node(2, Op.TANH, List.of(1), Shape.batch(3), Attrs.NONE, null, HERE))));
        assertEquals("graph: %1 (add) reads %2, which is not defined before it; a node reads only earlier nodes,"
                + " so a graph has no cycles (at VerifierTest.java:1)", e.getMessage());
    }

    @Test
    void nodeReadingItself() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Graph(List.of(
                new Node(0, Op.TANH, List.of(0), Shape.batch(3), Attrs.NONE, null, HERE))));
        assertEquals("graph: %0 (tanh) reads %0, which is not defined before it; a node reads only earlier nodes,"
                + " so a graph has no cycles (at VerifierTest.java:1)", e.getMessage());
    }

    @Test
    void idsOutOfOrder() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Graph(List.of(
                leaf(1, Op.INPUT, Shape.batch(3), "x"))));
        assertEquals("graph: the node at position 0 has id %1; node ids must be 0, 1, 2, ... in order"
                + " (at VerifierTest.java:1)", e.getMessage());
    }

    @Test
    void shapeRuleBrokenByOperands() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Graph(List.of(
                leaf(0, Op.INPUT, Shape.batch(3), "x"),
                leaf(1, Op.INPUT, Shape.batch(2), "y"),
                new Node(2, Op.ADD, List.of(0, 1), Shape.batch(3), Attrs.NONE, null, HERE))));
        assertEquals("graph: %2 add: operands must have the same shape; got [B×3], [B×2] (at VerifierTest.java:1)",
                e.getMessage());
    }

    @Test
    void leafWithInputs() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> new Node(1, Op.STATE, List.of(0), Shape.batch(3), Attrs.NONE, "h", HERE));
        assertEquals("node %1: state takes 0 inputs, got 1 (at VerifierTest.java:1)", e.getMessage());
    }

    @Test
    void nodeWithTheWrongArity() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> new Node(1, Op.ADD, List.of(0), Shape.batch(3), Attrs.NONE, null, HERE));
        assertEquals("node %1: add takes 2 inputs, got 1 (at VerifierTest.java:1)", e.getMessage());
    }

    @Test
    void nullNodes() {
        assertEquals("new Graph: nodes is null; every argument must be given (not null)",
                assertThrows(UnrollException.class, () -> new Graph(null)).getMessage());
        List<Node> withNull = java.util.Arrays.asList(leaf(0, Op.INPUT, Shape.batch(3), "x"), null);
        assertEquals("new Graph: element 1 of nodes is null; every element must be given (not null)",
                assertThrows(UnrollException.class, () -> new Graph(withNull)).getMessage());
    }

    private static Node leaf(int id, Op op, Shape shape, String name) {
        return new Node(id, op, List.of(), shape, Attrs.NONE, name, HERE);
    }
}
