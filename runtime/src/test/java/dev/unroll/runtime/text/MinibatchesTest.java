package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.check.Tuple3;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Batches over the stream 0, 1, 2, ... so that every id is its own position in the text. */
class MinibatchesTest {

    private static int[] positions(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    /** (B, T, extra tokens beyond the minimum). */
    private static PropertyRunner<Tuple3<Integer, Integer, Integer>> shapes() {
        return PropertyRunner.forAll(Gens.tuples(Gens.integers(1, 6), Gens.integers(1, 7), Gens.integers(0, 60)));
    }

    @Test
    void randomSamplingUsesEachSubsequenceOfTheOffsetGridAtMostOnce() {
        shapes().tries(150).seed(21).check(s -> {
            int batch = s.first();
            int steps = s.second();
            int n = (batch + 1) * steps + s.third();
            List<Batch> epoch = Minibatches.of("test", positions(n), batch, steps, Sampling.RANDOM, 7).epoch(3);
            int offset = epoch.get(0).input(0, 0) % steps;
            assertEquals((n - offset - 1) / steps / batch, epoch.size());
            Set<Integer> starts = new HashSet<>();
            for (Batch minibatch : epoch) {
                assertFalse(minibatch.continues());
                for (int b = 0; b < batch; b++) {
                    int start = minibatch.input(0, b);
                    assertEquals(offset, start % steps);
                    assertTrue(starts.add(start), "subsequence used twice");
                    for (int t = 0; t < steps; t++) {
                        assertEquals(start + t, minibatch.input(t, b));
                        assertEquals(start + t + 1, minibatch.target(t, b));
                    }
                }
            }
        });
    }

    @Test
    void sequentialSamplingContinuesEachRowInTheNextMinibatch() {
        shapes().tries(150).seed(22).check(s -> {
            int batch = s.first();
            int steps = s.second();
            int n = (batch + 1) * steps + s.third();
            List<Batch> epoch = Minibatches.of("test", positions(n), batch, steps, Sampling.SEQUENTIAL, 7).epoch(5);
            int offset = epoch.get(0).input(0, 0);
            assertTrue(offset < steps);
            int rowLength = (n - offset - 1) / batch;
            assertEquals(rowLength / steps, epoch.size());
            for (int i = 0; i < epoch.size(); i++) {
                Batch minibatch = epoch.get(i);
                assertEquals(i > 0, minibatch.continues());
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < steps; t++) {
                        int expected = offset + b * rowLength + i * steps + t;
                        assertEquals(expected, minibatch.input(t, b));
                        assertEquals(expected + 1, minibatch.target(t, b));
                    }
                }
            }
        });
    }

    @Test
    void theOffsetIsDrawnFromZeroToStepsMinusOne() {
        for (Sampling sampling : Sampling.values()) {
            Minibatches batches = Minibatches.of("test", positions(200), 2, 5, sampling, 99);
            Set<Integer> offsets = new TreeSet<>();
            for (int epoch = 0; epoch < 200; epoch++) {
                // The first sequential row starts at the offset; random starts are all congruent to it.
                int first = batches.epoch(epoch).get(0).input(0, 0);
                offsets.add(sampling == Sampling.SEQUENTIAL ? first : first % 5);
            }
            assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4)), offsets, sampling.toString());
        }
    }

    @Test
    void anEpochDependsOnlyOnSeedAndEpochNumber() {
        Minibatches a = Minibatches.of("test", positions(500), 4, 6, Sampling.RANDOM, 1);
        Minibatches b = Minibatches.of("test", positions(500), 4, 6, Sampling.RANDOM, 1);
        a.epoch(0);
        assertArrayEquals(a.epoch(9).get(3).x(), b.epoch(9).get(3).x());
        assertNotEquals(List.of(a.epoch(1).get(0).input(0, 0), a.epoch(1).get(1).input(0, 0)),
                List.of(a.epoch(2).get(0).input(0, 0), a.epoch(2).get(1).input(0, 0)));
        Minibatches other = Minibatches.of("test", positions(500), 4, 6, Sampling.RANDOM, 2);
        assertFalse(Arrays.equals(a.epoch(0).get(0).x(), other.epoch(0).get(0).x()));
    }

    @Test
    void theMinimumTokenCountGivesAtLeastOneMinibatchAtEveryOffset() {
        shapes().tries(100).seed(23).check(s -> {
            int n = (int) Minibatches.minimumTokens(s.first(), s.second());
            for (Sampling sampling : Sampling.values()) {
                Minibatches batches = Minibatches.of("test", positions(n), s.first(), s.second(), sampling, s.third());
                for (int epoch = 0; epoch < 10; epoch++) {
                    assertTrue(batches.epoch(epoch).size() >= 1);
                }
            }
        });
    }

    @Test
    void tooFewTokensSaysHowManyAreNeeded() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> Minibatches.of("the training split", positions(1154), 32, 35, Sampling.RANDOM, 0));
        assertEquals("Minibatches: the training split has 1154 tokens, but minibatches of B = 32 sequences of T = 35"
                + " steps need at least (B + 1)·T = 1155 (B·T + 1 for one minibatch with its shifted targets, plus"
                + " T - 1 for the random start offset); use a longer text, a smaller batch or fewer steps, or change"
                + " the validation fraction", e.getMessage());
        assertTrue(assertThrows(UnrollException.class, () -> Minibatches.of("x", positions(10), 0, 2,
                Sampling.RANDOM, 0)).getMessage().contains("got B = 0, T = 2"));
    }

    @Test
    void batchesCheckTheirShape() {
        assertThrows(UnrollException.class, () -> new Batch(2, 2, new int[4], new int[3], false));
        assertThrows(UnrollException.class, () -> new Batch(0, 2, new int[0], new int[0], false));
    }
}
