package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Checks analytic gradients against central finite differences in double precision, element by element or along
 * one random direction, and compares gradient maps; {@link #cell} and {@link #of} check a cell's BPTT gradients in
 * one call.
 *
 * <p>Errors are relative with a floor, {@code |a − r| / max(|a| + |r|, floor)}: for gradients well above the floor
 * it is the relative error, for tiny ones it becomes an absolute error of {@code floor} times the tolerance, so a
 * gradient that should be 0 is not failed for a numeric residue of 1e-13.
 */
public final class GradCheck {

    /** The outer finite-difference step (the estimate also evaluates at half of it). */
    public static final double DEFAULT_STEP = 1e-3;

    /**
     * The default floor of the relative error, suited to losses of order 1: at tolerance 1e-6 it allows an absolute
     * error of 1e-10 on gradients below it, where finite differences with the default step err by 1e-12 or less.
     */
    public static final double DEFAULT_FLOOR = 1e-4;

    private GradCheck() {
    }

    /** {@code |analytic − reference| / max(|analytic| + |reference|, floor)}; infinite if either is not finite. */
    public static double relativeError(double analytic, double reference, double floor) {
        if (!Double.isFinite(analytic) || !Double.isFinite(reference)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(analytic - reference) / Math.max(Math.abs(analytic) + Math.abs(reference), floor);
    }

    /**
     * Compares {@code analytic} with central differences of {@code loss} at {@code at}, element by element over
     * every variable of {@code at}, with the default step and floor. A variable missing from {@code analytic} has
     * a zero gradient (an absent gradient).
     */
    public static Report finiteDifferences(ToDoubleFunction<Map<String, Mat>> loss, Map<String, Mat> at,
                                           Map<String, Mat> analytic) {
        return finiteDifferences(loss, at, analytic, DEFAULT_STEP, DEFAULT_FLOOR);
    }

    /** {@link #finiteDifferences(ToDoubleFunction, Map, Map)} with the given step and error floor. */
    public static Report finiteDifferences(ToDoubleFunction<Map<String, Mat>> loss, Map<String, Mat> at,
                                           Map<String, Mat> analytic, double step, double floor) {
        Require.notNull(loss, "GradCheck.finiteDifferences", "loss");
        Require.notNull(at, "GradCheck.finiteDifferences", "at");
        Require.notNull(analytic, "GradCheck.finiteDifferences", "analytic");
        requirePositive("step", step);
        requirePositive("floor", floor);
        double f0 = loss.applyAsDouble(at);
        Map<String, Mat> numeric = new LinkedHashMap<>();
        Map<String, boolean[]> smooth = new LinkedHashMap<>();
        for (Map.Entry<String, Mat> v : at.entrySet()) {
            double[] base = v.getValue().data();
            double[] grad = new double[base.length];
            boolean[] ok = new boolean[base.length];
            for (int i = 0; i < base.length; i++) {
                int element = i;
                CentralDifferences.Estimate e = CentralDifferences.estimate(
                        d -> loss.applyAsDouble(perturbed(at, v.getKey(), base, element, d)), f0, step);
                grad[i] = e.derivative();
                ok[i] = e.smooth();
            }
            numeric.put(v.getKey(), Mat.of(v.getValue().rows(), v.getValue().cols(), grad));
            smooth.put(v.getKey(), ok);
        }
        String reference = String.format(Locale.ROOT, "finite differences (h = %s, Richardson)", step);
        return compare(reference, analytic, numeric, smooth, floor);
    }

    /**
     * The cheap check for large models: one directional derivative of {@code loss} along a random unit direction
     * {@code v} (Gaussian, seeded) by central differences, against {@code Σ analytic ⊙ v}. The report has one
     * entry, {@code direction}.
     */
    public static Report directional(ToDoubleFunction<Map<String, Mat>> loss, Map<String, Mat> at,
                                     Map<String, Mat> analytic, long seed) {
        return directional(loss, at, analytic, seed, DEFAULT_STEP, DEFAULT_FLOOR);
    }

    /** {@link #directional(ToDoubleFunction, Map, Map, long)} with the given step and error floor. */
    public static Report directional(ToDoubleFunction<Map<String, Mat>> loss, Map<String, Mat> at,
                                     Map<String, Mat> analytic, long seed, double step, double floor) {
        Require.notNull(loss, "GradCheck.directional", "loss");
        Require.notNull(at, "GradCheck.directional", "at");
        Require.notNull(analytic, "GradCheck.directional", "analytic");
        requirePositive("step", step);
        requirePositive("floor", floor);
        Map<String, Mat> direction = unitDirection(at, seed);
        double dot = 0;
        int elements = 0;
        for (Map.Entry<String, Mat> v : direction.entrySet()) {
            double[] a = gradientOf(analytic, v.getKey(), at.get(v.getKey())).data();
            double[] d = v.getValue().data();
            for (int i = 0; i < d.length; i++) {
                dot += a[i] * d[i];
            }
            elements += d.length;
        }
        CentralDifferences.Estimate e = CentralDifferences.estimate(
                s -> loss.applyAsDouble(along(at, direction, s)), loss.applyAsDouble(at), step);
        Report.Entry entry = new Report.Entry("direction", elements, e.smooth() ? 0 : elements, 0, 0, dot,
                e.derivative(), e.smooth() ? relativeError(dot, e.derivative(), floor) : 0.0);
        String reference = String.format(Locale.ROOT, "a directional finite difference (seed %d, h = %s)", seed, step);
        return new Report(reference, floor, List.of(entry));
    }

    /**
     * Compares two gradient maps over the variables of {@code reference}; a variable missing from
     * {@code analytic} has a zero gradient. {@code referenceName} names the reference in the report.
     */
    public static Report compare(String referenceName, Map<String, Mat> analytic, Map<String, Mat> reference,
                                 double floor) {
        requirePositive("floor", floor);
        return compare(referenceName, analytic, reference, Map.of(), floor);
    }

    /** Checks the BPTT gradients of {@code cell}: configure the check, then run one of its comparisons. */
    public static CellCheck cell(Cell cell) {
        Require.notNull(cell, "GradCheck.cell", "cell");
        return CellCheck.of(cell);
    }

    /**
     * Finite differences against BPTT for {@code cell}'s first output under {@code loss}, on a random sequence of
     * {@code steps} steps and {@code batch} rows drawn from {@code seed}; covers parameters, initial states and
     * inputs.
     */
    public static Report of(Cell cell, Loss loss, int steps, int batch, long seed) {
        return cell(cell).loss(loss).steps(steps).batch(batch).seed(seed).finiteDifferences();
    }

    private static Report compare(String referenceName, Map<String, Mat> analytic, Map<String, Mat> reference,
                                  Map<String, boolean[]> trusted, double floor) {
        List<Report.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Mat> v : reference.entrySet()) {
            Mat r = v.getValue();
            double[] a = gradientOf(analytic, v.getKey(), r).data();
            boolean[] ok = trusted.get(v.getKey());
            int skipped = 0;
            int worst = -1;
            double worstError = 0;
            for (int i = 0; i < a.length; i++) {
                if (ok != null && !ok[i]) {
                    skipped++;
                    continue;
                }
                double err = relativeError(a[i], r.data()[i], floor);
                if (worst < 0 || err > worstError) {
                    worst = i;
                    worstError = err;
                }
            }
            entries.add(worst < 0
                    ? new Report.Entry(v.getKey(), a.length, skipped, -1, -1, Double.NaN, Double.NaN, 0.0)
                    : new Report.Entry(v.getKey(), a.length, skipped, worst / r.cols(), worst % r.cols(), a[worst],
                    r.data()[worst], worstError));
        }
        return new Report(referenceName, floor, entries);
    }

    private static Mat gradientOf(Map<String, Mat> analytic, String name, Mat like) {
        Mat g = analytic.get(name);
        if (g == null) {
            return Mat.zeros(like.rows(), like.cols());
        }
        if (g.rows() != like.rows() || g.cols() != like.cols()) {
            throw new UnrollException("the analytic gradient of '" + name + "' is " + g.rows() + "×" + g.cols()
                    + " but the variable is " + like.rows() + "×" + like.cols());
        }
        return g;
    }

    private static Map<String, Mat> perturbed(Map<String, Mat> at, String name, double[] base, int element,
                                              double delta) {
        Map<String, Mat> out = new LinkedHashMap<>(at);
        double[] d = base.clone();
        d[element] += delta;
        Mat m = at.get(name);
        out.put(name, Mat.of(m.rows(), m.cols(), d));
        return out;
    }

    private static Map<String, Mat> unitDirection(Map<String, Mat> at, long seed) {
        Random rng = new Random(seed);
        Map<String, double[]> raw = new LinkedHashMap<>();
        double norm2 = 0;
        for (Map.Entry<String, Mat> v : at.entrySet()) {
            double[] d = new double[v.getValue().rows() * v.getValue().cols()];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian();
                norm2 += d[i] * d[i];
            }
            raw.put(v.getKey(), d);
        }
        double inv = 1.0 / Math.sqrt(norm2);
        Map<String, Mat> out = new LinkedHashMap<>();
        raw.forEach((k, d) -> out.put(k, Mat.of(at.get(k).rows(), at.get(k).cols(), d).times(inv)));
        return out;
    }

    private static Map<String, Mat> along(Map<String, Mat> at, Map<String, Mat> direction, double s) {
        Map<String, Mat> out = new LinkedHashMap<>();
        at.forEach((k, v) -> out.put(k, v.plus(direction.get(k).times(s))));
        return out;
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new UnrollException("gradient check: the " + what + " must be finite and > 0, got " + v);
        }
    }
}
