package dev.unroll.dsl;

import static dev.unroll.dsl.Here.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import org.junit.jupiter.api.Test;

/** Shape errors throw while the cell is being defined, naming the op, the operands, their shapes and the line. */
class CellShapeErrorsTest {

    private static final String AT = "CellShapeErrorsTest.java:";

    @Test
    void matmulWithDifferentInnerDimensionsNamesBothOperandsAndTheirShapes() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var w = c.weight("W", 4, 2);
            line[0] = Here.line(); x.matmul(w);
        });
        assertEquals("matmul: inner dimensions differ (3 ≠ 4); got [B×3], [4×2]"
                + " (operands %0 x [B×3], %1 W [4×2]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void matmulWithABatchedRightOperandIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var h = c.state("h", 3);
            line[0] = Here.line(); x.matmul(h);
        });
        assertEquals("matmul: the right operand must be a matrix, not a batched value; got [B×3], [B×3]"
                + " (operands %0 x [B×3], %1 h [B×3]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void addOfDifferentShapesNamesBothShapes() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var h = c.state("h", 2);
            line[0] = Here.line(); x.add(h);
        });
        assertEquals("add: operands must have the same shape; got [B×3], [B×2]"
                + " (operands %0 x [B×3], %1 h [B×2]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void unnamedOperandsAreDescribedByIdAndShape() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var w = c.weight("W", 3, 2);
            line[0] = Here.line(); x.matmul(w).mul(x.tanh());
        });
        assertEquals("mul: operands must have the same shape; got [B×2], [B×3]"
                + " (operands %2 [B×2], %3 [B×3]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void biasOfTheWrongWidthIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var b = c.bias("b", 2);
            line[0] = Here.line(); x.addBias(b);
        });
        assertEquals("add_bias: the bias must be a row [1×3]; got [B×3], [1×2]"
                + " (operands %0 x [B×3], %1 b [1×2]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void sliceOutsideTheColumnsIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.slice(1, 5);
        });
        assertEquals("slice: columns [1, 5) are not a non-empty range inside [0, 3) of %0 x [B×3]"
                + " (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void emptySliceIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.slice(2, 2);
        });
        assertEquals("slice: columns [2, 2) are not a non-empty range inside [0, 3) of %0 x [B×3]"
                + " (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void sliceWhoseEndOverflowsIsRejected() {
        // to - from overflows to a large positive width, and offset + width wraps negative again.
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.slice(5, Integer.MIN_VALUE);
        });
        assertTrue(e.getMessage().startsWith("slice: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("at " + AT + line[0] + ")"), e.getMessage());
    }

    @Test
    void concatWhoseWidthOverflowsIsAnUnrollException() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", Shape.MAX_ELEMENTS);
            line[0] = Here.line(); x.concat(x);
        });
        assertTrue(e.getMessage().startsWith("concat: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("at " + AT + line[0] + ")"), e.getMessage());
    }

    @Test
    void concatOfDifferentRowsIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var b = c.bias("b", 2);
            line[0] = Here.line(); x.concat(b);
        });
        assertEquals("concat: all operands must have the same rows; got [B×3], [1×2]"
                + " (operands %0 x [B×3], %1 b [1×2]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void oneHotOfAWideValueIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); x.oneHot(4);
        });
        assertEquals("one_hot: class indices must be one column and the class count positive (classes 4);"
                + " got [B×3] (operands %0 x [B×3]; at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void softmaxCrossEntropyNeedsOneColumnOfTargets() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var logits = c.input("logits", 5);
            var targets = c.input("targets", 2);
            line[0] = Here.line(); logits.softmaxCrossEntropy(targets);
        });
        assertEquals("softmax_ce: targets must be one column of class indices with the logits' rows;"
                + " got [B×5], [B×2] (operands %0 logits [B×5], %1 targets [B×2]; at " + AT + line[0] + ")",
                e.getMessage());
    }

    @Test
    void nextValueOfTheWrongShapeNamesTheStateAndBothShapes() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var h = c.state("h", 2);
            line[0] = Here.line(); c.next(h, x);
        });
        assertEquals("next: state 'h' is [B×2] but its next value is [B×3] (at " + AT + line[0] + ")",
                e.getMessage());
    }

    @Test
    void affineOfAnUnnamedOperandAsksForAName() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            var t = x.tanh();
            line[0] = Here.line(); c.affine("g", 2, x, t);
        });
        assertEquals("affine 'g': operand %1 has no name; name it with .as(\"...\") so its weight can be named"
                + " (at " + AT + line[0] + ")", e.getMessage());
    }
}
