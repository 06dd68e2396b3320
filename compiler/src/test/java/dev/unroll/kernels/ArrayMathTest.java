package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.interp.OpSemantics;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The vector transcendental functions agree with {@link Math} (the plain path and the interpreter) to a few units in
 * the last place: relative 1e-14 in float64, 1e-6 in float32, over values from 1e-8 to 1000 in magnitude, both signs,
 * zero, and lengths with and without a partial last vector; {@code relu} and {@code step} agree exactly, NaN and
 * negative zero included.
 */
class ArrayMathTest {

    private static final double[] SPECIAL = {0.0, -0.0, 1e-8, -1e-8, 20, -20, 88, -88, 100, -100, 710, -745, 1000};

    @Test
    void float64FunctionsAgree() {
        check("tanh", Math::tanh, false, 1e-14);
        check("sigmoid", OpSemantics::sigmoid, false, 1e-14);
        check("exp", Math::exp, false, 1e-14);
        check("log", Math::log, true, 1e-14);
    }

    @Test
    void float32FunctionsAgree() {
        check("tanh", Math::tanh, false, 1e-6);
        check("sigmoid", OpSemantics::sigmoid, false, 1e-6);
        check("exp", Math::exp, false, 1e-6);
        check("log", Math::log, true, 1e-6);
    }

    @Test
    void reluAndStepAreExactlyTheInterpretersBranches() {
        double[] special = {Double.NaN, 0.0, -0.0, 1e-300, -1e-300, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 2.5, -2.5};
        for (int n : new int[] {1, 9, 16, 33}) {
            double[] x = values(n, false);
            System.arraycopy(special, 0, x, 0, Math.min(n, special.length));
            double[] relu = new double[n];
            double[] step = new double[n];
            ArrayMath.relu(x, 0, relu, 0, n);
            ArrayMath.step(x, 0, step, 0, n);
            float[] xf = new float[n];
            for (int i = 0; i < n; i++) {
                xf[i] = (float) x[i];
            }
            float[] reluF = new float[n];
            float[] stepF = new float[n];
            ArrayMath.relu(xf, 0, reluF, 0, n);
            ArrayMath.step(xf, 0, stepF, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i] > 0 ? x[i] : 0.0, relu[i], "relu(" + x[i] + ")");
                assertEquals(x[i] > 0 ? 1.0 : 0.0, step[i], "step(" + x[i] + ")");
                assertEquals(xf[i] > 0 ? xf[i] : 0.0f, reluF[i], "relu float32(" + xf[i] + ")");
                assertEquals(xf[i] > 0 ? 1.0f : 0.0f, stepF[i], "step float32(" + xf[i] + ")");
            }
        }
    }

    @Test
    void sqrtIsCorrectlyRoundedOnEveryPathAndLength() {
        double[] special = {Double.NaN, 0.0, -0.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, 2.0, 1e-300};
        for (int n : new int[] {1, 9, 16, 33}) {
            double[] x = values(n, true);
            System.arraycopy(special, 0, x, 0, Math.min(n, special.length));
            double[] root = new double[n];
            ArrayMath.sqrt(x, 0, root, 0, n);
            float[] xf = new float[n];
            for (int i = 0; i < n; i++) {
                xf[i] = (float) x[i];
            }
            float[] rootF = new float[n];
            ArrayMath.sqrt(xf, 0, rootF, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.sqrt(x[i]), root[i], "sqrt(" + x[i] + ")");
                assertEquals((float) Math.sqrt(xf[i]), rootF[i], "sqrt float32(" + xf[i] + ")");
            }
        }
    }

    private static void check(String name, DoubleUnaryOperator f, boolean positive, double tolerance) {
        for (int n : new int[] {1, 7, 16, 33, 1000}) {
            double[] x = values(n, positive);
            boolean single = tolerance > 1e-10;
            double[] actual = single ? floatRun(name, x) : doubleRun(name, x);
            for (int i = 0; i < n; i++) {
                double xi = single ? (float) x[i] : x[i];
                double expected = single ? (float) f.applyAsDouble(xi) : f.applyAsDouble(xi);
                double error = Math.abs(actual[i] - expected);
                boolean ok = error <= tolerance * Math.abs(expected) || error < Double.MIN_NORMAL
                        || single && Math.abs(expected) < Float.MIN_NORMAL;
                assertTrue(ok || Double.isInfinite(expected) && actual[i] == expected, name + (single ? " float32" : "")
                        + "(" + xi + ") = " + actual[i] + ", expected " + expected);
            }
        }
    }

    private static double[] values(int n, boolean positive) {
        SplittableRandom rng = new SplittableRandom(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double magnitude = Math.pow(10, rng.nextDouble(-8, 3));
            double v = i < SPECIAL.length ? SPECIAL[i] : magnitude * (rng.nextBoolean() ? 1 : -1);
            x[i] = positive ? Math.abs(v) + 1e-300 : v;
        }
        return x;
    }

    private static double[] doubleRun(String name, double[] x) {
        double[] out = new double[x.length + 3];
        switch (name) {
            case "tanh" -> ArrayMath.tanh(x, 0, out, 3, x.length);
            case "sigmoid" -> ArrayMath.sigmoid(x, 0, out, 3, x.length);
            case "exp" -> ArrayMath.exp(x, 0, out, 3, x.length);
            default -> ArrayMath.log(x, 0, out, 3, x.length);
        }
        return java.util.Arrays.copyOfRange(out, 3, out.length);
    }

    private static double[] floatRun(String name, double[] x) {
        float[] in = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = (float) x[i];
        }
        float[] out = new float[x.length];
        switch (name) {
            case "tanh" -> ArrayMath.tanh(in, 0, out, 0, x.length);
            case "sigmoid" -> ArrayMath.sigmoid(in, 0, out, 0, x.length);
            case "exp" -> ArrayMath.exp(in, 0, out, 0, x.length);
            default -> ArrayMath.log(in, 0, out, 0, x.length);
        }
        return Operands.widen(out);
    }
}
