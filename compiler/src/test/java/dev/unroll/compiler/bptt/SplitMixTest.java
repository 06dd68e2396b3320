package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocation-free draws are the JDK's {@link SplittableRandom} draws, bit for bit. */
class SplitMixTest {

    @Test
    void drawsTheDoublesOfSplittableRandom() {
        PropertyRunner.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gens.integers(1, 300)).tries(500).seed(51)
                .check(k -> {
                    SplittableRandom jdk = new SplittableRandom(k.first());
                    long state = k.first();
                    for (int draw = 0; draw < k.second(); draw++) {
                        state = SplitMix.next(state);
                        assertEquals(Double.doubleToLongBits(jdk.nextDouble()),
                                Double.doubleToLongBits(SplitMix.unit(state)), "seed " + k.first() + ", draw " + draw);
                    }
                });
    }

    @Test
    void randomizedTruncationDrawsItsFactorsFromSplittableRandom() {
        PropertyRunner.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), Gens.doubles(0.01, 1.0)).tries(500)
                .seed(52).check(k -> {
                    double[] carry = Truncation.randomized(k.second()).carry(40, k.first());
                    SplittableRandom rng = new SplittableRandom(k.first());
                    assertEquals(1.0, carry[0]);
                    for (int t = 1; t < carry.length; t++) {
                        assertEquals(rng.nextDouble() < k.second() ? 1.0 / k.second() : 0.0, carry[t], "step " + t);
                    }
                });
    }
}
