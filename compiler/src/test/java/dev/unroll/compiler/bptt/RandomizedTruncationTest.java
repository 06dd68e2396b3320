package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Randomized truncation (Tallec &amp; Ollivier 2017) is unbiased: over N seeded draws of the carry factors, the
 * mean BPTT gradient of every element lies within {@code z·s/√N} of the full-BPTT gradient, where {@code s} is the
 * element's sample standard deviation and {@code z} the normal quantile that keeps the family-wise error rate at
 * {@value #FAMILY_WISE_ERROR} over all elements (Bonferroni: {@code z = Φ⁻¹(1 − α/(2d))} for d elements). Yet a
 * single draw is not the full gradient, and an estimator without the {@code 1/π} reweighting fails the same test.
 */
class RandomizedTruncationTest {

    private static final double FAMILY_WISE_ERROR = 1e-3;
    private static final int DRAWS = 4000;
    private static final double PI = 0.5;
    private static final int STEPS = 6;

    private final CellCheck check = GradCheck.cell(Cells.gru(2, 3)).steps(STEPS).batch(2).seed(21);
    private final SequenceData data = check.sequenceData();
    private final Adjoint adjoint = Autodiff.adjoint(check.lossCell(), List.of(LossCell.LOSS));
    private final double[] full = gradient(Truncation.full().carry(STEPS, 0));

    @Test
    void meanOverDrawsConvergesToTheFullGradient() {
        List<String> violations = violations(draws(false));
        assertTrue(violations.isEmpty(), violations.size() + " of " + full.length + " elements are off: "
                + violations);
    }

    @Test
    void theSameTestDetectsAnEstimatorWithoutReweighting() {
        assertFalse(violations(draws(true)).isEmpty(), "dropping 1/π biases the gradient toward short horizons");
    }

    @Test
    void aSingleDrawIsNotTheFullGradient() {
        double[] carry = Truncation.randomized(PI).carry(STEPS, 0);
        assertTrue(Arrays.stream(carry).anyMatch(c -> c == 0.0), Arrays.toString(carry));
        Map<String, Mat> one = CellCheck.byVariable(bptt(carry), data);
        double worst = GradCheck.compare("full BPTT", one, CellCheck.byVariable(bptt(Truncation.full()
                .carry(STEPS, 0)), data), GradCheck.DEFAULT_FLOOR).worstError();
        assertTrue(worst > 1e-3, "a truncated draw differs from full BPTT, worst relative error " + worst);
    }

    @Test
    void carryFactorsAreZeroOrOneOverPiAndSeeded() {
        double[] a = Truncation.randomized(PI).carry(50, 7);
        assertEquals(Arrays.toString(a), Arrays.toString(Truncation.randomized(PI).carry(50, 7)));
        assertEquals(1.0, a[0], "the first step's carry reaches the initial state");
        for (int t = 1; t < a.length; t++) {
            assertTrue(a[t] == 0.0 || a[t] == 1 / PI, "carry[" + t + "] = " + a[t]);
        }
    }

    /** The elements whose mean over the draws is further than z·s/√N from the full gradient. */
    private List<String> violations(double[][] draws) {
        int d = full.length;
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - FAMILY_WISE_ERROR / (2 * d));
        List<String> out = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] g : draws) {
                sum += g[j];
                min = Math.min(min, g[j]);
                max = Math.max(max, g[j]);
            }
            double mean = sum / draws.length;
            double ss = 0;
            for (double[] g : draws) {
                ss += (g[j] - mean) * (g[j] - mean);
            }
            double sd = Math.sqrt(ss / (draws.length - 1));
            // An element no truncation reaches (the last step's input) is the same in every draw: it must be exact.
            double value = min == max ? min : mean;
            double bound = min == max ? 1e-12 * (Math.abs(full[j]) + GradCheck.DEFAULT_FLOOR)
                    : z * sd / Math.sqrt(draws.length);
            if (!(Math.abs(value - full[j]) <= bound)) {
                out.add(String.format(Locale.ROOT, "#%d: mean %.6e, full %.6e, bound %.3e", j, value,
                        full[j], bound));
            }
        }
        return out;
    }

    private double[][] draws(boolean withoutReweighting) {
        double[][] out = new double[DRAWS][];
        for (int s = 0; s < DRAWS; s++) {
            double[] carry = Truncation.randomized(PI).carry(STEPS, s);
            if (withoutReweighting) {
                for (int t = 0; t < carry.length; t++) {
                    carry[t] = Math.min(carry[t], 1.0);
                }
            }
            out[s] = gradient(carry);
        }
        return out;
    }

    private double[] gradient(double[] carry) {
        return flatten(CellCheck.byVariable(bptt(carry), data));
    }

    private Bptt.Gradients bptt(double[] carry) {
        return Bptt.loss(adjoint, data.inputs(), data.initialStates(), data.params(), carry).result().gradients();
    }

    private static double[] flatten(Map<String, Mat> m) {
        return m.values().stream().flatMapToDouble(x -> Arrays.stream(x.data())).toArray();
    }
}
