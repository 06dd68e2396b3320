package dev.unroll.dsl;

import static dev.unroll.dsl.Here.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;

/** Declarations with missing pieces, non-positive sizes or non-finite numbers fail at the user's line. */
class CellDeclarationErrorsTest {

    private static final String AT = "CellDeclarationErrorsTest.java:";

    @Test
    void stateWithoutANextValueNamesWhereTheStateWasDeclared() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            line[0] = Here.line(); var h = c.state("h", 2);
            c.output("y", x.add(h));
        });
        assertEquals("cell 'bad': state 'h' (declared at " + AT + line[0] + ") has no next value;"
                + " bind one with c.next(h, ...)", e.getMessage());
    }

    @Test
    void cellWithoutABody() {
        int line = Here.line(); UnrollException e = assertThrows(UnrollException.class, () -> Cell.define("c", null));
        assertEquals("cell 'c' has no body (at " + AT + line + ")", e.getMessage());
    }

    @Test
    void inputOfSizeZero() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.input("x", 0);
        });
        assertEquals("input x size must be at least 1, got 0 (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void stateOfNegativeSize() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.state("h", -3);
        });
        assertEquals("state h size must be at least 1, got -3 (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void parameterWithNegativeColumns() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.param("W", 2, -1, Init.zeros());
        });
        assertEquals("parameter W cols must be at least 1, got -1 (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void weightWithZeroRows() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.weight("W", 0, 4);
        });
        assertEquals("parameter W rows must be at least 1, got 0 (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void affineOfSizeZeroNamesTheWeightItWouldDeclare() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 3);
            line[0] = Here.line(); c.affine("g", 0, x);
        });
        assertEquals("parameter W_xg cols must be at least 1, got 0 (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void constantOfSizeZero() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.constant(1.0, 0);
        });
        assertEquals("constant size must be at least 1, got 0 (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void parameterWithoutAnInitializer() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.param("W", 2, 2, null);
        });
        assertEquals("parameter 'W' needs an initializer, got null (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void notANumberConstant() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.constant(Double.NaN, 2);
        });
        assertEquals("constant must be finite, got NaN (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void infiniteConstant() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.constant(Double.NEGATIVE_INFINITY, 2);
        });
        assertEquals("constant must be finite, got -Infinity (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void infiniteScale() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            line[0] = Here.line(); x.scale(Double.POSITIVE_INFINITY);
        });
        assertEquals("scale: the factor must be finite, got Infinity (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void notANumberScale() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            line[0] = Here.line(); x.scale(Double.NaN);
        });
        assertEquals("scale: the factor must be finite, got NaN (at " + AT + line[0] + ")", e.getMessage());
    }
}
