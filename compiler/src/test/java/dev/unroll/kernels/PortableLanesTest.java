package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.reference.Transcendental;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every vector lane of {@link ArrayMath}'s {@code tanh}, logistic function, {@code exp} and {@code log} gives the bits
 * of the scalar replica ({@link PortableMath}, {@link PortableFloatMath}), in float64 and float32, on special values,
 * runs around the algorithms' thresholds, uniform values and arbitrary bit patterns; and an element's result does not
 * depend on its offset in the arrays or on the length of the block (which decide whether it is computed in a vector
 * lane or in the scalar tail). The same, across interpreter, JIT tiers and vector widths, is
 * {@link PortableLanesAcrossJvmsTest}'s. Skipped without the vector module.
 */
class PortableLanesTest {

    private static final int POINTS = 1 << 17;

    @BeforeAll
    static void onTheVectorPathOnly() {
        assumeTrue(Acceleration.VECTOR, "the vector module is absent: ArrayMath runs the plain path");
    }

    @ParameterizedTest
    @EnumSource(Transcendental.class)
    void float64LanesAreTheScalarBits(Transcendental f) {
        double[] x = Portable.doubles(POINTS, f.ordinal());
        double[] y = new double[POINTS];
        f.kernel(x, y, POINTS);
        for (int i = 0; i < POINTS; i++) {
            double expected = Portable.of(f, x[i]);
            int at = i;
            assertEquals(Portable.bits(expected), Portable.bits(y[i]), () -> f.label() + "(" + x[at] + ") = " + y[at]
                    + " in a vector lane, " + expected + " in the scalar replica");
        }
    }

    @ParameterizedTest
    @EnumSource(Transcendental.class)
    void float32LanesAreTheScalarBits(Transcendental f) {
        float[] x = Portable.floats(POINTS, f.ordinal());
        float[] y = new float[POINTS];
        f.kernel(x, y, POINTS);
        for (int i = 0; i < POINTS; i++) {
            float expected = Portable.of(f, x[i]);
            int at = i;
            assertEquals(Portable.bits(expected), Portable.bits(y[i]), () -> f.label() + " float32(" + x[at]
                    + ") = " + y[at] + " in a vector lane, " + expected + " in the scalar replica");
        }
    }

    /** A block: where its source and destination start in their arrays, its length, a function, data. */
    record Block(int sOff, int dOff, int n, Transcendental f, long seed) {
    }

    static Gen<Block> blocks() {
        return c -> new Block(Gens.integers(0, 17).generate(c), Gens.integers(0, 17).generate(c),
                Gens.integers(0, 70).generate(c), Gens.elements(Arrays.asList(Transcendental.values())).generate(c),
                Gens.longs(0, 1_000_000).generate(c));
    }

    @Property(tries = 300, seed = "20250901")
    void aResultDoesNotDependOnWhereItLiesInTheBlock(@ForAll("blocks") Block b) {
        double[] pool = Portable.doubles(1024, b.seed());
        float[] floatPool = Portable.floats(1024, b.seed());
        double[] src = Arrays.copyOfRange(pool, 0, b.sOff() + b.n());
        float[] floatSrc = Arrays.copyOfRange(floatPool, 0, b.sOff() + b.n());
        double[] dst = new double[b.dOff() + b.n()];
        float[] floatDst = new float[b.dOff() + b.n()];
        apply(b, src, dst);
        apply(b, floatSrc, floatDst);
        for (int i = 0; i < b.n(); i++) {
            assertEquals(Portable.bits(Portable.of(b.f(), src[b.sOff() + i])), Portable.bits(dst[b.dOff() + i]),
                    b.f().label() + " float64, element " + i);
            assertEquals(Portable.bits(Portable.of(b.f(), floatSrc[b.sOff() + i])),
                    Portable.bits(floatDst[b.dOff() + i]), b.f().label() + " float32, element " + i);
        }
    }

    private static void apply(Block b, double[] src, double[] dst) {
        switch (b.f()) {
            case TANH -> ArrayMath.tanh(src, b.sOff(), dst, b.dOff(), b.n());
            case SIGMOID -> ArrayMath.sigmoid(src, b.sOff(), dst, b.dOff(), b.n());
            case EXP -> ArrayMath.exp(src, b.sOff(), dst, b.dOff(), b.n());
            case LOG -> ArrayMath.log(src, b.sOff(), dst, b.dOff(), b.n());
        }
    }

    private static void apply(Block b, float[] src, float[] dst) {
        switch (b.f()) {
            case TANH -> ArrayMath.tanh(src, b.sOff(), dst, b.dOff(), b.n());
            case SIGMOID -> ArrayMath.sigmoid(src, b.sOff(), dst, b.dOff(), b.n());
            case EXP -> ArrayMath.exp(src, b.sOff(), dst, b.dOff(), b.n());
            case LOG -> ArrayMath.log(src, b.sOff(), dst, b.dOff(), b.n());
        }
    }
}
