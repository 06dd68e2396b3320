package dev.unroll.compiler.bptt;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gradient clipping by global L2 norm over all parameters: {@code g ← min(1, θ/‖g‖) g}. */
public final class GradClip {

    /** The clipped gradients, the global norm before clipping and the factor applied. */
    public record Clipped(Map<String, Mat> gradients, double norm, double factor) {
    }

    private GradClip() {
    }

    /** The global L2 norm of all gradients; throws {@link NonFiniteGradientException} naming a non-finite one. */
    public static double globalNorm(Map<String, Mat> gradients) {
        Require.notNull(gradients, "GradClip.globalNorm", "gradients");
        List<String> names = List.copyOf(gradients.keySet());
        double[][] flat = gradients.values().stream().map(Mat::data).toArray(double[][]::new);
        return norm(names, flat);
    }

    /**
     * Clips flat gradient arrays ({@code gradients[i]} belongs to {@code names.get(i)}) in place to global norm at
     * most {@code theta} and returns the norm before clipping; a non-finite element raises
     * {@link NonFiniteGradientException} before anything is changed.
     */
    public static double clipInPlace(List<String> names, double[][] gradients, double theta) {
        Require.notNull(names, "GradClip.clipInPlace", "names");
        Require.notNull(gradients, "GradClip.clipInPlace", "gradients");
        requireThreshold(theta);
        double norm = norm(names, gradients);
        if (norm > theta) {
            double factor = theta / norm;
            for (double[] g : gradients) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= factor;
                }
            }
        }
        return norm;
    }

    /** Clips {@code gradients} to global norm at most {@code theta}. */
    public static Clipped clip(Map<String, Mat> gradients, double theta) {
        Require.notNull(gradients, "GradClip.clip", "gradients");
        requireThreshold(theta);
        double norm = globalNorm(gradients);
        double factor = norm > theta ? theta / norm : 1.0;
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Map.Entry<String, Mat> e : gradients.entrySet()) {
            double[] d = e.getValue().data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= factor;
            }
            out.put(e.getKey(), Mat.of(e.getValue().rows(), e.getValue().cols(), d));
        }
        return new Clipped(out, norm, factor);
    }

    /**
     * The global L2 norm; finite for any finite elements: when the plain sum of squares overflows (elements beyond
     * about 1e154), it is recomputed scaled by the largest magnitude, so clipping still scales an exploded gradient
     * down instead of zeroing it.
     */
    private static double norm(List<String> names, double[][] gradients) {
        double sum = 0;
        for (int k = 0; k < gradients.length; k++) {
            for (double v : gradients[k]) {
                if (!Double.isFinite(v)) {
                    throw new NonFiniteGradientException(names.get(k), -1, v);
                }
                sum += v * v;
            }
        }
        return Double.isFinite(sum) ? Math.sqrt(sum) : scaledNorm(gradients);
    }

    /** The norm of finite elements whose squares overflow: {@code m · ‖g / m‖} with {@code m} the largest magnitude. */
    private static double scaledNorm(double[][] gradients) {
        double largest = 0;
        for (double[] g : gradients) {
            for (double v : g) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        double sum = 0;
        for (double[] g : gradients) {
            for (double v : g) {
                double s = v / largest;
                sum += s * s;
            }
        }
        return largest * Math.sqrt(sum);
    }

    private static void requireThreshold(double theta) {
        if (!(theta > 0) || Double.isInfinite(theta)) {
            throw new UnrollException("gradient clipping needs a finite threshold θ > 0, got " + theta);
        }
    }
}
