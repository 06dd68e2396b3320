package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
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
            doubles(k);
            floats(k);
        });
    }

    private static void doubles(Case k) {
        double[] a = values(k.aOff() + k.n(), k.seed());
        double[] b = values(k.bOff() + k.n(), ~k.seed());
        double[] bias = values(k.bOff() + k.cols(), k.seed() + 1);
        int size = k.oOff() + k.n();
        double[][] plain = new double[13][size];
        double[][] vector = new double[13][size];
        PlainArith.add(a, k.aOff(), b, k.bOff(), plain[0], k.oOff(), k.n());
        VectorArith.add(a, k.aOff(), b, k.bOff(), vector[0], k.oOff(), k.n());
        PlainArith.sub(a, k.aOff(), b, k.bOff(), plain[1], k.oOff(), k.n());
        VectorArith.sub(a, k.aOff(), b, k.bOff(), vector[1], k.oOff(), k.n());
        PlainArith.mul(a, k.aOff(), b, k.bOff(), plain[2], k.oOff(), k.n());
        VectorArith.mul(a, k.aOff(), b, k.bOff(), vector[2], k.oOff(), k.n());
        PlainArith.div(a, k.aOff(), b, k.bOff(), plain[3], k.oOff(), k.n());
        VectorArith.div(a, k.aOff(), b, k.bOff(), vector[3], k.oOff(), k.n());
        PlainArith.neg(a, k.aOff(), plain[4], k.oOff(), k.n());
        VectorArith.neg(a, k.aOff(), vector[4], k.oOff(), k.n());
        PlainArith.scale(0.3, a, k.aOff(), plain[5], k.oOff(), k.n());
        VectorArith.scale(0.3, a, k.aOff(), vector[5], k.oOff(), k.n());
        PlainArith.addBias(a, k.aOff(), bias, k.bOff(), plain[6], k.oOff(), k.rows(), k.cols());
        VectorArith.addBias(a, k.aOff(), bias, k.bOff(), vector[6], k.oOff(), k.rows(), k.cols());
        PlainArith.sumRows(a, k.aOff(), plain[7], k.oOff(), k.rows(), k.cols());
        VectorArith.sumRows(a, k.aOff(), vector[7], k.oOff(), k.rows(), k.cols());
        double c = b[k.bOff()];
        PlainArith.addScalar(c, a, k.aOff(), plain[8], k.oOff(), k.n());
        VectorArith.addScalar(c, a, k.aOff(), vector[8], k.oOff(), k.n());
        PlainArith.subScalar(c, a, k.aOff(), plain[9], k.oOff(), k.n());
        VectorArith.subScalar(c, a, k.aOff(), vector[9], k.oOff(), k.n());
        PlainArith.subFrom(c, a, k.aOff(), plain[10], k.oOff(), k.n());
        VectorArith.subFrom(c, a, k.aOff(), vector[10], k.oOff(), k.n());
        PlainArith.divScalar(c, a, k.aOff(), plain[11], k.oOff(), k.n());
        VectorArith.divScalar(c, a, k.aOff(), vector[11], k.oOff(), k.n());
        PlainArith.scalarDiv(c, a, k.aOff(), plain[12], k.oOff(), k.n());
        VectorArith.scalarDiv(c, a, k.aOff(), vector[12], k.oOff(), k.n());
        double[] accPlain = b.clone();
        double[] accVector = b.clone();
        PlainArith.accumulate(a, k.aOff(), accPlain, k.bOff(), k.n());
        VectorArith.accumulate(a, k.aOff(), accVector, k.bOff(), k.n());
        for (int op = 0; op < plain.length; op++) {
            assertArrayEquals(plain[op], vector[op], "double operation " + op + " " + k);
        }
        assertArrayEquals(accPlain, accVector, "double accumulate " + k);
    }

    private static void floats(Case k) {
        float[] a = Operands.narrow(values(k.aOff() + k.n(), k.seed()));
        float[] b = Operands.narrow(values(k.bOff() + k.n(), ~k.seed()));
        float[] bias = Operands.narrow(values(k.bOff() + k.cols(), k.seed() + 1));
        int size = k.oOff() + k.n();
        float[][] plain = new float[13][size];
        float[][] vector = new float[13][size];
        PlainArith.add(a, k.aOff(), b, k.bOff(), plain[0], k.oOff(), k.n());
        VectorArith.add(a, k.aOff(), b, k.bOff(), vector[0], k.oOff(), k.n());
        PlainArith.sub(a, k.aOff(), b, k.bOff(), plain[1], k.oOff(), k.n());
        VectorArith.sub(a, k.aOff(), b, k.bOff(), vector[1], k.oOff(), k.n());
        PlainArith.mul(a, k.aOff(), b, k.bOff(), plain[2], k.oOff(), k.n());
        VectorArith.mul(a, k.aOff(), b, k.bOff(), vector[2], k.oOff(), k.n());
        PlainArith.div(a, k.aOff(), b, k.bOff(), plain[3], k.oOff(), k.n());
        VectorArith.div(a, k.aOff(), b, k.bOff(), vector[3], k.oOff(), k.n());
        PlainArith.neg(a, k.aOff(), plain[4], k.oOff(), k.n());
        VectorArith.neg(a, k.aOff(), vector[4], k.oOff(), k.n());
        PlainArith.scale(0.3f, a, k.aOff(), plain[5], k.oOff(), k.n());
        VectorArith.scale(0.3f, a, k.aOff(), vector[5], k.oOff(), k.n());
        PlainArith.addBias(a, k.aOff(), bias, k.bOff(), plain[6], k.oOff(), k.rows(), k.cols());
        VectorArith.addBias(a, k.aOff(), bias, k.bOff(), vector[6], k.oOff(), k.rows(), k.cols());
        PlainArith.sumRows(a, k.aOff(), plain[7], k.oOff(), k.rows(), k.cols());
        VectorArith.sumRows(a, k.aOff(), vector[7], k.oOff(), k.rows(), k.cols());
        float c = b[k.bOff()];
        PlainArith.addScalar(c, a, k.aOff(), plain[8], k.oOff(), k.n());
        VectorArith.addScalar(c, a, k.aOff(), vector[8], k.oOff(), k.n());
        PlainArith.subScalar(c, a, k.aOff(), plain[9], k.oOff(), k.n());
        VectorArith.subScalar(c, a, k.aOff(), vector[9], k.oOff(), k.n());
        PlainArith.subFrom(c, a, k.aOff(), plain[10], k.oOff(), k.n());
        VectorArith.subFrom(c, a, k.aOff(), vector[10], k.oOff(), k.n());
        PlainArith.divScalar(c, a, k.aOff(), plain[11], k.oOff(), k.n());
        VectorArith.divScalar(c, a, k.aOff(), vector[11], k.oOff(), k.n());
        PlainArith.scalarDiv(c, a, k.aOff(), plain[12], k.oOff(), k.n());
        VectorArith.scalarDiv(c, a, k.aOff(), vector[12], k.oOff(), k.n());
        float[] accPlain = b.clone();
        float[] accVector = b.clone();
        PlainArith.accumulate(a, k.aOff(), accPlain, k.bOff(), k.n());
        VectorArith.accumulate(a, k.aOff(), accVector, k.bOff(), k.n());
        for (int op = 0; op < plain.length; op++) {
            assertArrayEquals(plain[op], vector[op], "float operation " + op + " " + k);
        }
        assertArrayEquals(accPlain, accVector, "float accumulate " + k);
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
