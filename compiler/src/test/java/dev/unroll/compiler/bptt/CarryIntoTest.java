package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code carry(steps, seed, into)} writes exactly the factors {@code carry(steps, seed)} returns, bit for bit, for
 * every kind of truncation, whatever {@code into} held before; and it rejects what the allocating method rejects.
 */
class CarryIntoTest {

    /** A truncation, the sequence length it is used on, and the seed of a draw. */
    record Case(Truncation truncation, int steps, long seed) {
    }

    private static Gen<Case> cases() {
        return c -> {
            int steps = Gens.integers(1, 80).generate(c);
            Truncation truncation = switch (Gens.integers(0, 2).generate(c)) {
                case 0 -> Truncation.full();
                case 1 -> Truncation.fixed(Gens.integers(1, steps).generate(c));
                default -> Truncation.randomized(Gens.doubles(0.01, 1.0).generate(c));
            };
            return new Case(truncation, steps, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c));
        };
    }

    @Test
    void writesTheFactorsTheAllocatingMethodReturns() {
        PropertyRunner.forAll(cases()).tries(2000).seed(31).check(k -> {
            double[] into = new double[k.steps()];
            Arrays.fill(into, Double.NaN);
            double[] returned = k.truncation().carry(k.steps(), k.seed(), into);
            assertSame(into, returned);
            assertArrayEquals(k.truncation().carry(k.steps(), k.seed()), into, k.toString());
        });
    }

    @Test
    void oneArrayReusedOverManySeedsKeepsNothingFromEarlierDraws() {
        for (Truncation truncation : new Truncation[] {Truncation.randomized(0.3), Truncation.fixed(4),
                Truncation.full(), Truncation.randomized(1.0)}) {
            double[] into = new double[35];
            for (long seed = -500; seed < 500; seed++) {
                truncation.carry(35, seed * 0x9E3779B97F4A7C15L, into);
                assertArrayEquals(truncation.carry(35, seed * 0x9E3779B97F4A7C15L), into,
                        truncation + " seed " + seed);
            }
        }
    }

    /**
     * A digest of the factors of 100 seeds of three truncations, written in place into one array: the value is the
     * one the first, allocating implementation gave, so the draws of a seed never change by accident.
     */
    @Test
    void theFactorsOfASeedNeverChange() {
        long digest = 7;
        double[] into = new double[35];
        for (Truncation truncation : new Truncation[] {Truncation.full(), Truncation.fixed(3),
                Truncation.randomized(0.4)}) {
            for (long seed = 0; seed < 100; seed++) {
                for (double factor : truncation.carry(35, seed * 0x9E3779B97F4A7C15L, into)) {
                    digest = 31 * digest + Double.doubleToLongBits(factor);
                }
            }
        }
        assertEquals(688818025980281991L, digest);
    }

    @Test
    void anArrayOfAnotherLengthIsAClearError() {
        UnrollException e = assertThrows(UnrollException.class, () -> Truncation.full().carry(5, 0, new double[4]));
        assertEquals("the carry factors of a sequence of T = 5 steps need an array of exactly 5 values (one per"
                + " step), got 4 values; allocate new double[5] once and reuse it", e.getMessage());
        assertEquals("the carry factors of a sequence of T = 3 steps need an array of exactly 3 values (one per"
                + " step), got null; allocate new double[3] once and reuse it", assertThrows(UnrollException.class,
                        () -> Truncation.randomized(0.5).carry(3, 0, null)).getMessage());
        assertEquals("a sequence needs at least 1 step, got 0", assertThrows(UnrollException.class,
                () -> Truncation.full().carry(0, 0, new double[0])).getMessage());
    }

    @Test
    void aFixedTruncationLongerThanTheSequenceFailsBeforeWritingAnything() {
        double[] into = {7, 7, 7, 7, 7};
        UnrollException e = assertThrows(UnrollException.class, () -> Truncation.fixed(6).carry(5, 0, into));
        assertEquals("fixed truncation k = 6 is longer than the sequence (T = 5); use k ≤ T, or Truncation.full()"
                + " for no truncation", e.getMessage());
        assertArrayEquals(new double[] {7, 7, 7, 7, 7}, into);
    }
}
