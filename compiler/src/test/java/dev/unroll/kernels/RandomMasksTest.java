package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The loops of dropout and zoneout: the float32 twin hits exactly the units the float64 routine hits (the masks are
 * integer computations), each loop hits exactly the units {@link RandomMasks#hit} names, evaluation mode draws
 * nothing, and the thresholds of 0 and of probabilities near 1 behave.
 */
class RandomMasksTest {

    /** A block of rows and columns, a probability, a key and a first row. */
    record Block(int rows, int cols, double p, long key, int firstRow) {
    }

    static Gen<Block> blocks() {
        return c -> new Block(Gens.integers(1, 9).generate(c), Gens.integers(1, 17).generate(c),
                Gens.integers(0, 9).generate(c) / 10.0, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c),
                Gens.integers(0, 1000).generate(c));
    }

    @Property
    void bothPrecisionsDropAndZoneTheUnitsHitNames(@ForAll("blocks") Block b) {
        int n = b.rows() * b.cols();
        double[] x = new double[n];
        float[] xf = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1 + i;
            xf[i] = 1 + i;
        }
        double[] out = new double[n];
        float[] outf = new float[n];
        long stream = RandomMasks.stream(b.key(), 3, 7);
        long threshold = RandomMasks.threshold(b.p());
        RandomMasks.dropout(x, 0, out, 0, b.rows(), b.cols(), threshold, 1 / (1 - b.p()), stream, b.firstRow(), true);
        RandomMasks.dropout(xf, 0, outf, 0, b.rows(), b.cols(), threshold, (float) (1 / (1 - b.p())), stream,
                b.firstRow(), true);
        double[] zoned = new double[n];
        RandomMasks.zoneout(x, 0, out.clone(), 0, zoned, 0, b.rows(), b.cols(), threshold, b.p(), 1 - b.p(), stream,
                b.firstRow(), true);
        for (int r = 0; r < b.rows(); r++) {
            for (int c = 0; c < b.cols(); c++) {
                int i = r * b.cols() + c;
                boolean hit = RandomMasks.hit(stream, b.firstRow() + r, c, threshold);
                assertEquals(hit, out[i] == 0, "float64 at " + r + ", " + c);
                assertEquals(hit, outf[i] == 0, "float32 at " + r + ", " + c);
                assertEquals(hit ? x[i] : out[i], zoned[i], "zoneout at " + r + ", " + c);
            }
        }
    }

    @Property
    void evaluationModeIsTheIdentityAndTheExpectation(@ForAll("blocks") Block b) {
        int n = b.rows() * b.cols();
        double[] x = new double[n];
        double[] y = new double[n];
        Arrays.setAll(x, i -> i * 0.5 - 3);
        Arrays.setAll(y, i -> 2 - i);
        double[] out = new double[n];
        long stream = RandomMasks.stream(b.key(), 0, 0);
        RandomMasks.dropout(x, 0, out, 0, b.rows(), b.cols(), RandomMasks.threshold(b.p()), 9.0, stream, 0, false);
        assertEquals(Arrays.toString(x), Arrays.toString(out));
        RandomMasks.zoneout(x, 0, y, 0, out, 0, b.rows(), b.cols(), 1L, b.p(), 1 - b.p(), stream, 0, false);
        for (int i = 0; i < n; i++) {
            assertEquals(b.p() * x[i] + (1 - b.p()) * y[i], out[i]);
        }
    }

    @Test
    void probabilityZeroNeverHitsAndProbabilityJustBelowOneAlmostAlwaysDoes() {
        long stream = RandomMasks.stream(11L, 0, 0);
        assertEquals(0L, RandomMasks.threshold(0));
        int hits = 0;
        for (int c = 0; c < 10_000; c++) {
            assertFalse(RandomMasks.hit(stream, 0, c, RandomMasks.threshold(0)));
            hits += RandomMasks.hit(stream, 1, c, RandomMasks.threshold(0.9999)) ? 1 : 0;
        }
        // Expected 9999 of 10⁴; 10 misses or more has probability below 10⁻⁷ (Poisson with mean 1).
        assertTrue(hits > 9_990, "hits " + hits);
    }
}
