package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.check.Tuple2;
import dev.unroll.compiler.gradcheck.CellGens;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.core.UnrollException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clipping by global norm is {@code min(1, θ/‖g‖)·g}, and a non-finite gradient is named, never scaled. */
class GradClipTest {

    static Gen<Tuple2<Map<String, Mat>, Double>> gradients() {
        Gen<Mat> matrix = Gens.integers(1, 4).flatMap(r -> Gens.integers(1, 4)
                .flatMap(c -> CellGens.matrices(r, c, 10.0)));
        Gen<Map<String, Mat>> maps = Gens.lists(matrix, 1, 4).map(list -> {
            Map<String, Mat> m = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                m.put("p" + i, list.get(i));
            }
            return m;
        });
        return Gens.tuples(maps, Gens.doubles(1e-3, 100.0));
    }

    @Property(tries = 300, seed = "31")
    void clipsToMinOfOneAndThetaOverTheNorm(@ForAll("gradients") Tuple2<Map<String, Mat>, Double> c) {
        Map<String, Mat> g = c.first();
        double theta = c.second();
        double sum = 0;
        for (Mat m : g.values()) {
            for (double v : m.data()) {
                sum += v * v;
            }
        }
        double norm = Math.sqrt(sum);
        double factor = Math.min(1.0, theta / norm);
        GradClip.Clipped clipped = GradClip.clip(g, theta);
        assertEquals(norm, clipped.norm(), 1e-15 * norm);
        assertEquals(factor, clipped.factor(), 1e-15);
        double clippedSum = 0;
        for (Map.Entry<String, Mat> e : g.entrySet()) {
            double[] before = e.getValue().data();
            double[] after = clipped.gradients().get(e.getKey()).data();
            for (int i = 0; i < before.length; i++) {
                assertEquals(factor * before[i], after[i], 1e-15 * Math.abs(before[i]), e.getKey() + "[" + i + "]");
                clippedSum += after[i] * after[i];
            }
        }
        assertTrue(Math.sqrt(clippedSum) <= theta * (1 + 1e-12), "clipped norm " + Math.sqrt(clippedSum));
    }

    @Test
    void aZeroGradientIsLeftAlone() {
        GradClip.Clipped c = GradClip.clip(Map.of("W", Mat.zeros(2, 2)), 1.0);
        assertEquals(1.0, c.factor());
        assertEquals(Mat.zeros(2, 2), c.gradients().get("W"));
    }

    @Test
    void aNanGradientIsNamedNotClipped() {
        Map<String, Mat> g = new LinkedHashMap<>();
        g.put("b", Mat.of(1, 2, 0.5, 0.25));
        g.put("W", Mat.of(1, 2, 1.0, Double.NaN));
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, () -> GradClip.clip(g, 1.0));
        assertEquals("W", e.parameter());
        assertEquals(-1, e.step());
        assertEquals("the gradient of 'W' is NaN; the update was not applied. Lower the learning rate, clip"
                + " gradients, or check the inputs (log of a non-positive value, division by zero)", e.getMessage());
    }

    @Test
    void anInfiniteGradientIsNamed() {
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
                () -> GradClip.globalNorm(Map.of("U", Mat.of(1, 1, Double.NEGATIVE_INFINITY))));
        assertEquals("U", e.parameter());
        assertTrue(e.getMessage().startsWith("the gradient of 'U' is -Infinity;"), e.getMessage());
    }

    @Test
    void anExplodedButFiniteGradientIsScaledDownNotZeroed() {
        // 1e200² overflows a plain sum of squares; the norm must still be the true 1e200·√2.
        double[] g = {1e200, -1e200};
        double norm = GradClip.clipInPlace(List.of("W"), new double[][] {g}, 1.0);
        assertEquals(Math.sqrt(2) * 1e200, norm, 1e-12 * norm);
        assertEquals(1 / Math.sqrt(2), g[0], 1e-15);
        assertEquals(-1 / Math.sqrt(2), g[1], 1e-15);
    }

    @Test
    void theThresholdMustBeFiniteAndPositive() {
        for (double bad : List.of(0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY)) {
            UnrollException e = assertThrows(UnrollException.class, () -> GradClip.clip(Map.of(), bad));
            assertEquals("gradient clipping needs a finite threshold θ > 0, got " + bad, e.getMessage());
        }
    }
}
