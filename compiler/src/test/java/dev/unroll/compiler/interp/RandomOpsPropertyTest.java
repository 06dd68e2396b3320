package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The interpreter rules of dropout and zoneout: exact in each mode, and their masks statistically what they claim.
 * The statistical bounds are six standard deviations of the counted quantity for the sample at hand, so a correct
 * rule fails one run in about 10⁹ (the normal tail beyond 6σ is 2·10⁻⁹; the counts are binomial over at least 10⁵
 * units, close to normal there), while a rule off by a percent of the units fails every run.
 */
class RandomOpsPropertyTest {

    static final Set<Op> OPS = EnumSet.of(Op.DROPOUT, Op.ZONEOUT);

    private static final double SIGMAS = 6;
    private static final int ROWS = 200;
    private static final int COLS = 500;

    /** A probability, a site, a key, a step and values in [-3, 3] for a batch of up to 4 rows. */
    record Draw(double p, int site, long key, int step, Sample values) {

        /** The previous values (the operand of dropout). */
        Mat a() {
            return values.u(values.b(), values.n());
        }

        /** The next values. */
        Mat b() {
            return values.v(values.b(), values.n());
        }

        Attrs attrs() {
            return Attrs.noise(p, site, Attrs.RUNNING_STEP);
        }
    }

    static Gen<Draw> draws() {
        return c -> new Draw(Gens.integers(0, 19).generate(c) / 20.0, Gens.integers(0, 50).generate(c),
                Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c), Gens.integers(0, 40).generate(c),
                Sample.gen().generate(c));
    }

    @Property
    void inEvaluationDropoutIsTheIdentityAndZoneoutTheExpectation(@ForAll("draws") Draw d) {
        Mat a = d.a();
        Mat b = d.b();
        assertEquals(a, apply(Op.DROPOUT, d.attrs(), Noise.EVALUATION, d.step(), a));
        Mat z = apply(Op.ZONEOUT, d.attrs(), Noise.EVALUATION, d.step(), a, b);
        for (int i = 0; i < a.rows() * a.cols(); i++) {
            assertEquals(d.p() * a.raw()[i] + (1 - d.p()) * b.raw()[i], z.raw()[i], 1e-15);
        }
    }

    @Property
    void inTrainingEachUnitIsDroppedOrScaledAndZonedOrUpdated(@ForAll("draws") Draw d) {
        Mat a = d.a();
        Mat b = d.b();
        Noise noise = Noise.training(d.key());
        Mat dropped = apply(Op.DROPOUT, d.attrs(), noise, d.step(), a);
        Mat zoned = apply(Op.ZONEOUT, d.attrs(), noise, d.step(), a, b);
        for (int i = 0; i < a.rows() * a.cols(); i++) {
            double y = dropped.raw()[i];
            assertTrue(y == 0 || y == a.raw()[i] * (1 / (1 - d.p())), "dropout gives 0 or x/(1 − p), got " + y);
            double z = zoned.raw()[i];
            assertTrue(z == a.raw()[i] || z == b.raw()[i], "zoneout gives previous or next, got " + z);
        }
    }

    @Property(tries = 20)
    void rowsDrawTheSameMasksWhicheverSliceOfTheBatchRunsThem(@ForAll("draws") Draw d) {
        Sample s = d.values();
        Mat x = s.u(s.b(), s.n());
        Attrs attrs = Attrs.noise(Math.max(0.3, d.p()), d.site(), Attrs.RUNNING_STEP);
        Mat whole = apply(Op.DROPOUT, attrs, Noise.training(d.key()), d.step(), x);
        for (int r = 0; r < s.b(); r++) {
            Mat row = Mat.of(1, s.n(), Arrays.copyOfRange(x.raw(), r * s.n(), (r + 1) * s.n()));
            Mat alone = apply(Op.DROPOUT, attrs, new Noise(d.key(), r, true), d.step(), row);
            for (int c = 0; c < s.n(); c++) {
                assertEquals(whole.get(r, c), alone.get(0, c), "row " + r + ", column " + c);
            }
        }
    }

    @Test
    void theKeptFractionIsOneMinusPWithinSixSigmasOfTheBinomial() {
        for (double p : new double[] {0.05, 0.25, 0.5, 0.8}) {
            for (long key : new long[] {1L, -4_000_000_017L}) {
                Mat ones = filled(ROWS, COLS, 1.0);
                Mat y = apply(Op.DROPOUT, Attrs.noise(p, 3, Attrs.RUNNING_STEP), Noise.training(key), 7, ones);
                long kept = Arrays.stream(y.raw()).filter(v -> v != 0).count();
                double n = (double) ROWS * COLS;
                double bound = SIGMAS * Math.sqrt(n * p * (1 - p));
                assertTrue(Math.abs(kept - n * (1 - p)) <= bound, "p = " + p + ", key " + key + ": kept " + kept
                        + " of " + (long) n + ", expected " + n * (1 - p) + " ± " + bound);
                Mat z = apply(Op.ZONEOUT, Attrs.noise(p, 3, Attrs.RUNNING_STEP), Noise.training(key), 7, ones,
                        filled(ROWS, COLS, 0.0));
                long held = Arrays.stream(z.raw()).filter(v -> v == 1.0).count();
                assertTrue(Math.abs(held - n * p) <= bound, "zoneout p = " + p + ": held " + held + " of "
                        + (long) n + ", expected " + n * p + " ± " + bound);
            }
        }
    }

    @Test
    void invertedScalingKeepsTheMeanWithinSixSigmasOfTheSample() {
        SplittableRandom rng = new SplittableRandom(2024);
        double[] values = new double[ROWS * COLS];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + rng.nextDouble();
        }
        Mat x = Mat.of(ROWS, COLS, values);
        double mean = Arrays.stream(values).average().orElseThrow();
        double squares = Arrays.stream(values).map(v -> v * v).sum();
        for (double p : new double[] {0.1, 0.5, 0.7}) {
            Mat y = apply(Op.DROPOUT, Attrs.noise(p, 0, Attrs.RUNNING_STEP), Noise.training(99L), 0, x);
            double got = Arrays.stream(y.raw()).average().orElseThrow();
            // Var(mean of x_i·m_i/(1 − p)) = Σ x_i² · p/(1 − p) / n² for independent m_i ~ Bernoulli(1 − p).
            double sigma = Math.sqrt(squares * p / (1 - p)) / values.length;
            assertTrue(Math.abs(got - mean) <= SIGMAS * sigma, "p = " + p + ": mean " + got + ", expected " + mean
                    + " ± " + SIGMAS * sigma);
        }
    }

    @Test
    void aLockedMaskIsTheSameAtEveryStepAndARunningOneIsNot() {
        Mat ones = filled(20, 50, 1.0);
        Noise noise = Noise.training(5L);
        Attrs locked = Attrs.noise(0.5, 2, 0);
        Attrs running = Attrs.noise(0.5, 2, Attrs.RUNNING_STEP);
        Mat first = apply(Op.DROPOUT, locked, noise, 0, ones);
        for (int t = 1; t < 6; t++) {
            assertEquals(first, apply(Op.DROPOUT, locked, noise, t, ones), "locked, step " + t);
            // 1000 units with p = 1/2: two steps' masks agree by chance with probability 2⁻¹⁰⁰⁰.
            assertNotEquals(apply(Op.DROPOUT, running, noise, t - 1, ones), apply(Op.DROPOUT, running, noise, t,
                    ones), "running, steps " + (t - 1) + " and " + t);
        }
        assertEquals(first, apply(Op.DROPOUT, running, noise, 0, ones), "a locked mask is step 0's");
    }

    @Test
    void sitesAndKeysDrawIndependentMasks() {
        Mat ones = filled(20, 50, 1.0);
        Mat base = apply(Op.DROPOUT, Attrs.noise(0.5, 0, 0), Noise.training(5L), 0, ones);
        assertNotEquals(base, apply(Op.DROPOUT, Attrs.noise(0.5, 1, 0), Noise.training(5L), 0, ones));
        assertNotEquals(base, apply(Op.DROPOUT, Attrs.noise(0.5, 0, 0), Noise.training(6L), 0, ones));
        assertEquals(base, apply(Op.DROPOUT, Attrs.noise(0.5, 0, 0), Noise.training(5L), 0, ones));
    }

    private static Mat filled(int rows, int cols, double value) {
        double[] d = new double[rows * cols];
        Arrays.fill(d, value);
        return Mat.of(rows, cols, d);
    }

    /** {@code op} applied to batched operands at step {@code step} of a run with randomness {@code noise}. */
    private static Mat apply(Op op, Attrs attrs, Noise noise, int step, Mat... operands) {
        GraphBuilder g = new GraphBuilder();
        Integer[] ids = new Integer[operands.length];
        for (int i = 0; i < operands.length; i++) {
            ids[i] = g.leaf(Op.INPUT, Shape.batch(operands[i].cols()), Attrs.NONE, "a" + i, SourceLocation.UNKNOWN);
        }
        int out = g.apply(op, List.of(ids), attrs, null, SourceLocation.UNKNOWN);
        Node n = g.build().node(out);
        return OpSemantics.apply(n, operands, operands[0].rows(), noise, step);
    }
}
