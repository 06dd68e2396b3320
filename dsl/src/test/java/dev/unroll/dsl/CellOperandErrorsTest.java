package dev.unroll.dsl;

import static dev.unroll.dsl.Here.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;

/** Operands that are null, belong to another cell or outlive their cell are rejected with the op and the line. */
class CellOperandErrorsTest {

    private static final String AT = "CellOperandErrorsTest.java:";

    @Test
    void nullRightOperandOfABinaryOp() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.add(null);
        });
        assertEquals("add: an operand is null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void nullMatmulOperand() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.matmul(null);
        });
        assertEquals("matmul: an operand is null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void nullConcatOperand() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.concat(x, null);
        });
        assertEquals("concat: an operand is null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void nullConcatOperandArray() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.concat((Value[]) null);
        });
        assertTrue(e.getMessage().startsWith("concat: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at " + AT + line[0] + ")"), e.getMessage());
    }

    @Test
    void nullAffineOperand() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); c.affine("g", 2, x, null);
        });
        assertEquals("affine: an operand is null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void nullAffineOperandArray() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.affine("g", 2, (Value[]) null);
        });
        assertTrue(e.getMessage().startsWith("affine 'g'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at " + AT + line[0] + ")"), e.getMessage());
    }

    @Test
    void nullNextValue() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var h = c.state("h", 3);
            line[0] = Here.line(); c.next(h, null);
        });
        assertEquals("next: an operand is null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void nullOutputValue() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.output("y", null);
        });
        assertEquals("output: an operand is null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void valueFromAnotherCell() {
        Value[] foreign = new Value[1];
        Cell.define("other", c -> {
            c.input("y", 1);
            foreign[0] = c.input("z", 3);
        });
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.add(foreign[0]);
        });
        assertEquals("add: %1 belongs to another cell, not to 'bad' (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void nextValueFromAnotherCell() {
        Value[] foreign = new Value[1];
        Cell.define("other", c -> {
            c.input("y", 1);
            foreign[0] = c.input("z", 3);
        });
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var h = c.state("h", 3);
            line[0] = Here.line(); c.next(h, foreign[0]);
        });
        assertEquals("next: %1 belongs to another cell, not to 'bad' (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void valueUsedAfterItsCellIsBuilt() {
        Value[] leaked = new Value[1];
        Cell.define("done", c -> leaked[0] = c.input("x", 3));
        int line = Here.line(); UnrollException e = assertThrows(UnrollException.class, () -> leaked[0].tanh());
        assertEquals("tanh: cell 'done' is already built; declare everything inside its body (at " + AT + line + ")",
                e.getMessage());
    }

    @Test
    void declarationOnABuilderAfterItsCellIsBuilt() {
        CellBuilder[] leaked = new CellBuilder[1];
        Cell.define("done", c -> leaked[0] = c);
        int line = Here.line(); UnrollException e = assertThrows(UnrollException.class, () -> leaked[0].input("z", 2));
        assertEquals("input \"z\": cell 'done' is already built (at " + AT + line + ")", e.getMessage());
    }

    @Test
    void constantOnABuilderAfterItsCellIsBuilt() {
        CellBuilder[] leaked = new CellBuilder[1];
        Cell.define("done", c -> leaked[0] = c);
        UnrollException e = assertThrows(UnrollException.class, () -> leaked[0].constant(1.0, 2));
        assertTrue(e.getMessage().contains("cell 'done' is already built"), e.getMessage());
    }

    @Test
    void nextOfAValueThatIsNotAState() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); c.next(x, x);
        });
        assertEquals("next: %0 is not a state declared with c.state(...) (at " + AT + line[0] + ")",
                e.getMessage());
    }

    @Test
    void secondNextValueOfTheSameState() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var h = c.state("h", 3);
            c.next(h, h.tanh());
            line[0] = Here.line(); c.next(h, h.relu());
        });
        assertEquals("next: state 'h' already has a next value (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void affineWithoutOperands() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.affine("g", 2);
        });
        assertEquals("affine 'g' needs at least one operand (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void renamingANamedLeaf() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.as("y");
        });
        assertEquals("as: %0 is already named 'x' (at " + AT + line[0] + ")", e.getMessage());
    }
}
