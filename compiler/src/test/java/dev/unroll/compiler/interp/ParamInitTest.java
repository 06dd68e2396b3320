package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.ir.Shape;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Parameters are drawn reproducibly from their initializers: Xavier within its bound, biases zero. */
class ParamInitTest {

    @Test
    void sameSeedGivesTheSameValues() {
        assertEquals(ParamInit.initialize(Cells.lstm(4, 3), 7), ParamInit.initialize(Cells.lstm(4, 3), 7));
    }

    @Test
    void differentSeedsGiveDifferentValues() {
        assertNotEquals(ParamInit.initialize(Cells.lstm(4, 3), 7).get("W_xi"),
                ParamInit.initialize(Cells.lstm(4, 3), 8).get("W_xi"));
    }

    @Test
    void everyParameterInDeclarationOrderWithItsShape() {
        Cell cell = Cells.gru(4, 3);
        Map<String, Mat> params = ParamInit.initialize(cell, 1);
        assertEquals(cell.params().stream().map(Cell.Param::name).toList(), List.copyOf(params.keySet()));
        for (Cell.Param p : cell.params()) {
            assertTrue(params.get(p.name()).fits(p.shape(), 1), p.name());
        }
    }

    @Test
    void xavierWeightsStayWithinTheirBoundAndFillIt() {
        Cell cell = Cells.lstm(7, 5);
        Map<String, Mat> params = ParamInit.initialize(cell, 3);
        for (Cell.Param p : cell.params()) {
            if (!p.name().startsWith("W_")) {
                continue;
            }
            double bound = Math.sqrt(6.0 / (p.shape().rows() + p.shape().cols()));
            double largest = 0;
            for (double w : params.get(p.name()).data()) {
                assertTrue(Math.abs(w) <= bound, p.name() + ": " + w + " outside ±" + bound);
                largest = Math.max(largest, Math.abs(w));
            }
            assertTrue(largest > 0.5 * bound, p.name() + ": largest |w| " + largest + " of bound " + bound);
        }
    }

    @Test
    void biasesAreZero() {
        Cell cell = Cells.lstm(7, 5);
        Map<String, Mat> params = ParamInit.initialize(cell, 3);
        for (String b : List.of("b_i", "b_f", "b_o", "b_c")) {
            assertEquals(Mat.zeros(1, 5), params.get(b), b);
        }
    }

    @Test
    void constantAndUniformInitializers() {
        assertEquals(Mat.of(2, 2, 2.5, 2.5, 2.5, 2.5), ParamInit.draw(Shape.of(2, 2), Init.constant(2.5),
                new Well19937c(1)));
        for (double v : ParamInit.draw(Shape.of(20, 20), Init.uniform(1, 2), new Well19937c(1)).data()) {
            assertTrue(v >= 1 && v < 2, "uniform value " + v);
        }
    }

    @Test
    void normalAndXavierNormalHaveTheirStandardDeviation() {
        assertStd(0.5, ParamInit.draw(Shape.of(100, 100), Init.normal(3, 0.5), new Well19937c(5)), 3);
        assertStd(Math.sqrt(2.0 / 200), ParamInit.draw(Shape.of(100, 100), Init.xavierNormal(), new Well19937c(5)),
                0);
    }

    private static void assertStd(double std, Mat m, double mean) {
        double[] d = m.data();
        double sum = 0;
        double sq = 0;
        for (double v : d) {
            sum += v;
            sq += (v - mean) * (v - mean);
        }
        assertEquals(mean, sum / d.length, 0.05 * std, "mean");
        assertEquals(std, Math.sqrt(sq / d.length), 0.05 * std, "standard deviation");
    }
}
