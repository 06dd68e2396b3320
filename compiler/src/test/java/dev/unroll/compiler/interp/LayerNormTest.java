package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.CellBuilder;
import dev.unroll.dsl.Value;
import dev.unroll.dsl.cells.LayerNormCells;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CellBuilder#layerNorm} computes {@code torch.nn.LayerNorm}'s formula: rows of mean 0 and variance
 * {@code σ² / (σ² + ε)} before the gain and bias, the values of a worked example, and its parameters start at
 * gain ones and bias zeros.
 */
class LayerNormTest {

    /** A row of {@code cols} values {@code offset + scale·u}, u uniform in ±1: far from and near zero variance. */
    record Rows(Mat x) {
    }

    static Gen<Rows> rows() {
        return c -> {
            int rows = Gens.integers(1, 4).generate(c);
            int cols = Gens.integers(2, 9).generate(c);
            double offset = Gens.doubles(-100, 100).generate(c);
            double scale = Math.pow(10, Gens.doubles(-4, 3).generate(c));
            double[] d = Gens.doubleArrays(rows * cols, -1, 1).generate(c);
            for (int i = 0; i < d.length; i++) {
                d[i] = offset + scale * d[i];
            }
            return new Rows(Mat.of(rows, cols, d));
        };
    }

    @Test
    void normalizedRowsHaveMeanZeroAndVarianceOneShrunkByEpsilon() {
        PropertyRunner.forAll(rows()).tries(200).seed(1501L).check(k -> {
            Mat x = k.x();
            Mat y = normalize(x, ones(x.cols()), zeros(x.cols()));
            for (int r = 0; r < x.rows(); r++) {
                double variance = variance(x, r);
                double deviation = Math.sqrt(variance + CellBuilder.LAYER_NORM_EPSILON);
                // x − μ cancels |x| / σ times the rounding error of x: the bound grows with that condition number.
                double tolerance = 1e-14 * (1 + maxAbs(x, r) / deviation);
                assertEquals(0, mean(y, r), tolerance, "mean of row " + r);
                // Biased variance, as torch: the row's own σ² shrunk by ε, which is 1 up to ε / σ².
                assertEquals(variance / (deviation * deviation), variance(y, r), tolerance, "variance of row " + r);
                if (variance > 1e-1) {
                    assertEquals(1, variance(y, r), 1e-3, "variance of row " + r + " (σ² = " + variance + ")");
                }
            }
        });
    }

    @Test
    void aWorkedExampleMatchesTorchLayerNorm() {
        // Row 1: μ = 2, σ² = 2/3, so (x − μ) / sqrt(2/3 + 1e-5) = (−1, 0, 1) / 0.8164…;
        // row 2: μ = 0.5, σ² = 1.5, so (0, −1.5, 1.5) / sqrt(1.5 + 1e-5). Then ⊙ gain + bias.
        Mat x = Mat.rows(new double[] {1, 2, 3}, new double[] {0.5, -1, 2});
        Mat gain = Mat.rows(new double[] {2, 1, -0.5});
        Mat bias = Mat.rows(new double[] {0.25, 0, 1});
        Mat expected = Mat.rows(
                new double[] {2 * -1.2247356859083902 + 0.25, 0, -0.5 * 1.2247356859083902 + 1},
                new double[] {0.25, -1.2247407889290967, -0.5 * 1.2247407889290967 + 1});
        Mat y = normalize(x, gain, bias);
        for (int i = 0; i < expected.data().length; i++) {
            assertEquals(expected.data()[i], y.data()[i], 1e-14, "element " + i);
        }
    }

    @Test
    void gainStartsAtOnesAndBiasAtZeros() {
        Cell cell = normCell(5);
        Map<String, Mat> params = ParamInit.initialize(cell, 3);
        assertEquals(List.of("g_n", "b_n"), List.copyOf(params.keySet()));
        for (double g : params.get("g_n").data()) {
            assertEquals(1.0, g, 0.0);
        }
        for (double b : params.get("b_n").data()) {
            assertEquals(0.0, b, 0.0);
        }
    }

    @Test
    void theLstmStateCarriedIsTheUnnormalizedCell() {
        Cell lstm = LayerNormCells.lstm(2, 3);
        assertEquals(List.of("W_x", "W_h", "g_x", "b_x", "g_h", "b_h", "b", "g_c", "b_c"),
                lstm.params().stream().map(Cell.Param::name).toList());
        assertEquals("C", lstm.graph().node(lstm.states().get(1).next()).label());
    }

    @Test
    void misuseIsRefusedWithTheRule() {
        UnrollException eps = assertThrows(UnrollException.class, () -> Cell.define("bad", c ->
                c.output("y", c.layerNorm("n", c.input("x", 3), 0))));
        assertEquals("layerNorm 'n': ε must be finite and > 0, so that the square root and its gradient stay finite"
                + " for a constant row; got 0.0 (at LayerNormTest.java:" + line(eps) + ")", eps.getMessage());
        UnrollException row = assertThrows(UnrollException.class, () -> Cell.define("bad", c -> {
            Value w = c.weight("W", 1, 3);
            c.output("y", c.input("x", 3).add(c.layerNorm("n", w).broadcast()));
        }));
        assertEquals("layerNorm 'n' normalizes the rows of a batched value [B×n], but %0 is [1×3] (at"
                + " LayerNormTest.java:" + line(row) + ")", row.getMessage());
    }

    @Test
    void aHiddenSizeWhoseGatesDoNotFitOneArrayIsRefused() {
        UnrollException e = assertThrows(UnrollException.class, () -> LayerNormCells.lstm(3, 1 << 30));
        assertEquals("LayerNormCells.lstm: the hidden size must be at most 536870909, so that its 4 gates'"
                + " pre-activations side by side fit one Java array; got 1073741824", e.getMessage());
    }

    private static int line(UnrollException e) {
        String m = e.getMessage();
        return Integer.parseInt(m.substring(m.lastIndexOf(':') + 1, m.length() - 1));
    }

    private static Cell normCell(int n) {
        return Cell.define("ln", c -> c.output("y", c.layerNorm("n", c.input("x", n))));
    }

    private static Mat normalize(Mat x, Mat gain, Mat bias) {
        return Interpreter.step(normCell(x.cols()), Map.of("x", x), Map.of(), Map.of("g_n", gain, "b_n", bias))
                .outputs().get("y");
    }

    private static double mean(Mat m, int r) {
        double s = 0;
        for (int j = 0; j < m.cols(); j++) {
            s += m.get(r, j);
        }
        return s / m.cols();
    }

    private static double maxAbs(Mat m, int r) {
        double most = 0;
        for (int j = 0; j < m.cols(); j++) {
            most = Math.max(most, Math.abs(m.get(r, j)));
        }
        return most;
    }

    private static double variance(Mat m, int r) {
        double mu = mean(m, r);
        double s = 0;
        for (int j = 0; j < m.cols(); j++) {
            s += (m.get(r, j) - mu) * (m.get(r, j) - mu);
        }
        return s / m.cols();
    }

    private static Mat ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        return Mat.of(1, n, d);
    }

    private static Mat zeros(int n) {
        return Mat.zeros(1, n);
    }
}
