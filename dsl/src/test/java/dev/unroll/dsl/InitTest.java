package dev.unroll.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Initializers validate their parameters when created, naming the rule and the values. */
class InitTest {

    @Test
    void uniformNeedsLowBelowHigh() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(1, 0));
        assertEquals("Init.uniform needs low < high, got low 1.0, high 0.0", e.getMessage());
    }

    @Test
    void uniformOfAnEmptyRange() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(2, 2));
        assertEquals("Init.uniform needs low < high, got low 2.0, high 2.0", e.getMessage());
    }

    @Test
    void uniformWithAnInfiniteBound() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.uniform(0, Double.POSITIVE_INFINITY));
        assertEquals("Init: uniform high must be finite, got Infinity", e.getMessage());
    }

    @Test
    void normalNeedsAPositiveStd() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(0, -1));
        assertEquals("Init.normal needs a finite std > 0, got -1.0", e.getMessage());
    }

    @Test
    void normalRejectsAZeroStd() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(0, 0));
        assertEquals("Init.normal needs a finite std > 0, got 0.0", e.getMessage());
    }

    @Test
    void normalRejectsANotANumberStd() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(0, Double.NaN));
        assertEquals("Init.normal needs a finite std > 0, got NaN", e.getMessage());
    }

    @Test
    void normalRejectsAnInfiniteMean() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.normal(Double.NEGATIVE_INFINITY, 1));
        assertEquals("Init: normal mean must be finite, got -Infinity", e.getMessage());
    }

    @Test
    void constantMustBeFinite() {
        UnrollException e = assertThrows(UnrollException.class, () -> Init.constant(Double.NaN));
        assertEquals("Init: constant must be finite, got NaN", e.getMessage());
    }

    @Test
    void xavierGainMustBePositive() {
        UnrollException e = assertThrows(UnrollException.class, () -> new Init.XavierUniform(0));
        assertEquals("Init: xavier gain must be finite and > 0, got 0.0", e.getMessage());
    }

    @Test
    void xavierNormalGainMustBeFinite() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> new Init.XavierNormal(Double.POSITIVE_INFINITY));
        assertEquals("Init: xavier normal gain must be finite and > 0, got Infinity", e.getMessage());
    }

    @Test
    void factoriesRecordTheirParameters() {
        assertEquals(new Init.Uniform(-0.5, 0.5), Init.uniform(-0.5, 0.5));
        assertEquals(new Init.Normal(1, 2), Init.normal(1, 2));
        assertEquals(new Init.XavierUniform(1.0), Init.xavier());
        assertEquals(new Init.XavierNormal(1.0), Init.xavierNormal());
        assertEquals(new Init.Constant(3), Init.constant(3));
        assertEquals(new Init.Zeros(), Init.zeros());
    }
}
