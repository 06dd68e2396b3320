package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector bodies of {@link Elementwise} give the plain bodies' results bit for bit, in both dtypes, at any
 * offsets and lengths (whole vectors, a partial last vector, shorter than one vector), with a block or a constant as
 * the other operand, with signed zeros, infinities, NaN and subnormals among the values: the generated kernels then
 * compute exactly what the interpreter does.
 */
class ElementwiseTest {

    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -1e-310, 1e300, 3.0};

    /** One case: offsets of the two operands and the output, the rows and columns, and the values' seed. */
    record Case(int aOff, int bOff, int oOff, int rows, int cols, long seed) {
        int n() {
            return rows * cols;
        }
    }

    static Gen<Case> cases() {
        return c -> new Case(Gens.integers(0, 7).generate(c), Gens.integers(0, 7).generate(c),
                Gens.integers(0, 7).generate(c), Gens.integers(1, 5).generate(c), Gens.integers(1, 70).generate(c),
                Gens.longs(0, Long.MAX_VALUE).generate(c));
    }

    @Test
    void vectorBodiesEqualThePlainBodiesBitForBit() {
        assumeTrue(Acceleration.VECTOR, "the vector path needs --add-modules jdk.incubator.vector");
        PropertyRunner.forAll(cases()).tries(300).seed(20261126L).check(k -> {
            check(k, double[].class);
            check(k, float[].class);
        });
    }

    /**
     * Every routine with its arguments, as a name and a pattern over the case: {@code a}, {@code b} and {@code bias}
     * are arrays with their offsets, {@code c} a scalar, {@code o} the output with its offset, {@code n} the length,
     * {@code rc} rows and columns. One table serves both element types, so the float and double checks cannot drift.
     */
    private static final String[][] OPERATIONS = {
        {"add", "a b o n"}, {"sub", "a b o n"}, {"mul", "a b o n"}, {"div", "a b o n"}, {"neg", "a o n"},
        {"scale", "k a o n"}, {"addBias", "a bias o rc"}, {"sumRows", "a o rc"}, {"addScalar", "c a o n"},
        {"subScalar", "c a o n"}, {"subFrom", "c a o n"}, {"divScalar", "c a o n"}, {"scalarDiv", "c a o n"},
        {"select", "b a b o n"}, {"selectScalar", "b a c o n"}, {"scalarSelect", "b c a o n"},
        {"accumulate", "a acc n"},
    };

    /** Runs every operation of {@link PlainArith} and {@link VectorArith} on arrays of {@code type}; compares bits. */
    private static void check(Case k, Class<?> type) {
        try {
            compare(k, type);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the table names a routine PlainArith and VectorArith lack: " + e, e);
        }
    }

    private static void compare(Case k, Class<?> type) throws ReflectiveOperationException {
        double[] a = values(k.aOff() + k.n(), k.seed());
        double[] b = values(k.bOff() + k.n(), ~k.seed());
        double[] bias = values(k.bOff() + k.cols(), k.seed() + 1);
        for (String[] operation : OPERATIONS) {
            double[] plain = run(PlainArith.class, operation, type, k, a, b, bias);
            double[] vector = run(VectorArith.class, operation, type, k, a, b, bias);
            assertArrayEquals(plain, vector, type.getSimpleName() + " " + operation[0] + " " + k);
        }
    }

    /** Calls {@code operation} of {@code owner} on copies of the operands in {@code type}; returns what it wrote. */
    private static double[] run(Class<?> owner, String[] operation, Class<?> type, Case k, double[] a, double[] b,
                                double[] bias) throws ReflectiveOperationException {
        Object out = convert(new double[k.oOff() + k.n()], type);
        Object acc = convert(b, type);
        List<Object> args = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (String part : operation[1].split(" ")) {
            switch (part) {
                case "a" -> add(args, types, type, convert(a, type), k.aOff());
                case "b" -> add(args, types, type, convert(b, type), k.bOff());
                case "bias" -> add(args, types, type, convert(bias, type), k.bOff());
                case "o" -> add(args, types, type, out, k.oOff());
                case "acc" -> add(args, types, type, acc, k.bOff());
                case "c" -> scalar(args, types, type, b[k.bOff()]);
                case "k" -> scalar(args, types, type, 0.3);
                case "n" -> add(args, types, int.class, k.n(), null);
                case "rc" -> {
                    add(args, types, int.class, k.rows(), null);
                    add(args, types, int.class, k.cols(), null);
                }
                default -> throw new AssertionError("unknown argument " + part);
            }
        }
        Method m = owner.getDeclaredMethod(operation[0], types.toArray(Class<?>[]::new));
        m.setAccessible(true);
        m.invoke(null, args.toArray());
        return widen(operation[1].contains("acc") ? acc : out);
    }

    private static void add(List<Object> args, List<Class<?>> types, Class<?> type, Object value, Integer offset) {
        args.add(value);
        types.add(value.getClass().isArray() ? value.getClass() : type);
        if (offset != null) {
            args.add(offset);
            types.add(int.class);
        }
    }

    private static void scalar(List<Object> args, List<Class<?>> types, Class<?> type, double value) {
        args.add(type == float[].class ? (Object) (float) value : (Object) value);
        types.add(type == float[].class ? float.class : double.class);
    }

    private static Object convert(double[] values, Class<?> type) {
        return type == float[].class ? Operands.narrow(values) : values.clone();
    }

    /** The values as doubles: exact for floats, so comparing them compares the floats' bits. */
    private static double[] widen(Object values) {
        if (values instanceof double[] d) {
            return d;
        }
        float[] f = (float[]) values;
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** Gaussian values spanning many magnitudes, with a special value at every seventh position. */
    private static double[] values(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 7 == 3 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                    : rng.nextGaussian() * Math.pow(10, rng.nextInt(-6, 7));
        }
        return x;
    }
}
