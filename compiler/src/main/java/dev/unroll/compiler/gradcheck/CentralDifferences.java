package dev.unroll.compiler.gradcheck;

import java.util.function.DoubleUnaryOperator;

/**
 * One derivative by central differences, with a test that the function is smooth enough for it to be trusted.
 *
 * <p>The function is evaluated at {@code ±h, ±h/2, ±h/4}. The estimate is the Richardson extrapolation
 * {@code R(h) = (4·D(h/2) − D(h)) / 3} of the central differences {@code D}, whose truncation error is
 * {@code O(h⁴)}. The point is rejected as not smooth (a relu kink, a jump) when either
 * <ul>
 *   <li>{@code R(h)} and {@code R(h/2)} disagree by more than rounding and {@value #RELATIVE_AGREEMENT} relative: a
 *       kink away from the point corrupts the wider estimate only; or</li>
 *   <li>the second differences {@code S(h), S(h/2), S(h/4)} stop converging: for a smooth function successive
 *       differences shrink about fourfold, while a kink near the point makes {@code S} double at each halving
 *       (central differences alone cannot see a kink right at the point: they all return the mean slope).</li>
 * </ul>
 * A kink that passes both tests moves the estimate by no more than about the rounding noise.
 */
final class CentralDifferences {

    /** The rounding error of one loss evaluation, in ulps of the loss; generous, since a loss sums many terms. */
    private static final double ROUNDING_ULPS = 32;

    /** How closely the two extrapolations must agree beyond rounding, relative to their size. */
    private static final double RELATIVE_AGREEMENT = 1e-9;

    /** A derivative estimate and whether the function looked smooth around the point. */
    record Estimate(double derivative, boolean smooth) {
    }

    private CentralDifferences() {
    }

    /** The derivative at 0 of {@code f}, given {@code f0 = f(0)}, with outer step {@code h}. */
    static Estimate estimate(DoubleUnaryOperator f, double f0, double h) {
        double[] plus = new double[3];
        double[] minus = new double[3];
        double scale = Math.abs(f0);
        for (int k = 0; k < 3; k++) {
            double step = h / (1 << k);
            plus[k] = f.applyAsDouble(step);
            minus[k] = f.applyAsDouble(-step);
            scale = Math.max(scale, Math.max(Math.abs(plus[k]), Math.abs(minus[k])));
        }
        double[] d = new double[3];
        double[] s = new double[3];
        for (int k = 0; k < 3; k++) {
            double step = h / (1 << k);
            d[k] = (plus[k] - minus[k]) / (2 * step);
            s[k] = (plus[k] - 2 * f0 + minus[k]) / (step * step);
        }
        double wide = (4 * d[1] - d[0]) / 3;
        double narrow = (4 * d[2] - d[1]) / 3;
        if (!Double.isFinite(wide) || !Double.isFinite(narrow)) {
            return new Estimate(wide, true); // kept, so that it fails the comparison instead of being skipped
        }
        double rounding = ROUNDING_ULPS * Math.ulp(Math.max(scale, Double.MIN_NORMAL));
        boolean consistent = Math.abs(wide - narrow)
                <= RELATIVE_AGREEMENT * Math.max(Math.abs(wide), Math.abs(narrow)) + 12 * rounding / h;
        boolean converging = Math.abs(s[1] - s[2]) <= 0.5 * Math.abs(s[0] - s[1]) + 128 * rounding / (h * h);
        return new Estimate(wide, consistent && converging);
    }
}
