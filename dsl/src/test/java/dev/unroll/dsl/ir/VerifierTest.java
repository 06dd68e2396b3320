package dev.unroll.dsl.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.UnrollException;
import dev.unroll.dsl.cells.Cells;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier accepts what the DSL builds and names the first node that breaks an invariant. */
class VerifierTest {

    private static final SourceLocation HERE = new SourceLocation("VerifierTest.java", 1);

    @Test
    void standardCellsVerify() {
        for (var cell : List.of(Cells.rnn(2, 3), Cells.lstm(2, 3), Cells.gru(2, 3))) {
            assertSame(cell.graph(), Verifier.verify(cell.graph()));
        }
    }

    @Test
    void nodeWhoseShapeDisagreesWithItsRule() {
        Graph g = new Graph(List.of(
                leaf(0, Op.INPUT, Shape.batch(3), "x"),
                new Node(1, Op.TANH, List.of(0), Shape.batch(4), Attrs.NONE, null, HERE)));
        UnrollException e = assertThrows(UnrollException.class, () -> Verifier.verify(g));
        assertEquals("verify: %1 (tanh) has shape [B×4] but its rule gives [B×3]", e.getMessage());
    }

    @Test
    void nodeReadingALaterNode() {
        Graph g = new Graph(List.of(
                new Node(0, Op.TANH, List.of(1), Shape.batch(3), Attrs.NONE, null, HERE),
                leaf(1, Op.INPUT, Shape.batch(3), "x")));
        UnrollException e = assertThrows(UnrollException.class, () -> Verifier.verify(g));
        assertEquals("verify: %0 (tanh) reads %1, which is not defined before it", e.getMessage());
    }

    @Test
    void leafWithInputs() {
        Graph g = new Graph(List.of(
                leaf(0, Op.INPUT, Shape.batch(3), "x"),
                new Node(1, Op.STATE, List.of(0), Shape.batch(3), Attrs.NONE, "h", HERE)));
        UnrollException e = assertThrows(UnrollException.class, () -> Verifier.verify(g));
        assertEquals("verify: leaf %1 has inputs [0]", e.getMessage());
    }

    @Test
    void nodeWithTheWrongArity() {
        Graph g = new Graph(List.of(
                leaf(0, Op.INPUT, Shape.batch(3), "x"),
                new Node(1, Op.ADD, List.of(0), Shape.batch(3), Attrs.NONE, null, HERE)));
        UnrollException e = assertThrows(UnrollException.class, () -> Verifier.verify(g));
        assertEquals("add takes 2 inputs, got 1", e.getMessage());
    }

    private static Node leaf(int id, Op op, Shape shape, String name) {
        return new Node(id, op, List.of(), shape, Attrs.NONE, name, HERE);
    }
}
