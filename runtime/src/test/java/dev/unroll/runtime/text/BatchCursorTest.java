package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A cursor fills, in place, exactly the minibatches that {@link Minibatches#epoch} hands out as fresh arrays. */
class BatchCursorTest {

    /** A stream of {@code (B + 1)·T + extra} random ids, and the epochs a cursor visits, in that order. */
    record Case(int batch, int steps, int extra, Sampling sampling, long seed, List<Integer> epochs) {

        Minibatches minibatches() {
            SplittableRandom rng = new SplittableRandom(seed);
            int[] tokens = new int[(batch + 1) * steps + extra];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = rng.nextInt(1000);
            }
            return Minibatches.of("test", tokens, batch, steps, sampling, seed);
        }
    }

    private static Gen<Case> cases() {
        return c -> new Case(Gens.integers(1, 8).generate(c), Gens.integers(1, 12).generate(c),
                Gens.integers(0, 300).generate(c), Gens.oneOf(Sampling.values()).generate(c),
                Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c),
                Gens.lists(Gens.integers(0, 40), 1, 6).generate(c));
    }

    @Test
    void aReusedCursorLoadsTheMinibatchesOfEveryEpochItVisits() {
        PropertyRunner.forAll(cases()).tries(300).seed(41).check(k -> {
            Minibatches data = k.minibatches();
            BatchCursor cursor = data.cursor();
            for (int epoch : k.epochs()) {
                List<Batch> expected = data.epoch(epoch);
                assertSame(cursor, cursor.epoch(epoch));
                assertEquals(expected.size(), cursor.size(), "epoch " + epoch);
                for (int i = 0; i < expected.size(); i++) {
                    assertSame(cursor, cursor.load(i));
                    same(expected.get(i), cursor, "epoch " + epoch + ", minibatch " + i);
                }
            }
        });
    }

    @Test
    void cursorsOverTheSameMinibatchesAreIndependent() {
        Minibatches data = new Case(4, 6, 200, Sampling.RANDOM, 5, List.of()).minibatches();
        BatchCursor a = data.cursor().epoch(3);
        BatchCursor b = data.cursor().epoch(8);
        List<Batch> three = data.epoch(3);
        List<Batch> eight = data.epoch(8);
        for (int i = 0; i < Math.min(three.size(), eight.size()); i++) {
            same(three.get(i), a.load(i), "epoch 3, minibatch " + i);
            same(eight.get(i), b.load(i), "epoch 8, minibatch " + i);
        }
    }

    @Test
    void aNewCursorIsAtEpochZeroAndReportsItsShape() {
        Minibatches data = new Case(3, 5, 90, Sampling.SEQUENTIAL, 9, List.of()).minibatches();
        BatchCursor cursor = data.cursor();
        assertSame(data, cursor.source());
        assertEquals(5, cursor.steps());
        assertEquals(3, cursor.batch());
        List<Batch> zero = data.epoch(0);
        assertEquals(zero.size(), cursor.size());
        same(zero.get(zero.size() - 1), cursor.load(zero.size() - 1), "last minibatch of epoch 0");
    }

    @Test
    void loadingPastTheEpochIsAnError() {
        BatchCursor cursor = new Case(2, 3, 0, Sampling.RANDOM, 1, List.of()).minibatches().cursor();
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.load(cursor.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> cursor.load(-1));
    }

    /**
     * A digest of five epochs of each sampling mode at several shapes, through the list and through a cursor: the
     * value is the one the first implementation of {@link Minibatches} gave, so the minibatches of a seed (and with
     * them the training trajectory of a run, and its exact resumption) never change by accident.
     */
    @Test
    void theMinibatchesOfASeedNeverChange() {
        long list = 1125899906842597L;
        long cursor = list;
        for (Sampling sampling : Sampling.values()) {
            for (int batch : new int[] {1, 3, 32}) {
                for (int steps : new int[] {1, 7, 35}) {
                    int[] tokens = new int[(batch + 1) * steps + 777];
                    SplittableRandom rng = new SplittableRandom(batch * 100 + steps);
                    for (int i = 0; i < tokens.length; i++) {
                        tokens[i] = rng.nextInt(50);
                    }
                    Minibatches data = Minibatches.of("test", tokens, batch, steps, sampling, 42 + batch);
                    BatchCursor reused = data.cursor();
                    for (int epoch = 0; epoch < 5; epoch++) {
                        for (Batch b : data.epoch(epoch)) {
                            list = digest(list, b.x(), b.y(), b.continues());
                        }
                        reused.epoch(epoch);
                        for (int i = 0; i < reused.size(); i++) {
                            reused.load(i);
                            cursor = digest(cursor, reused.x(), reused.y(), reused.continues());
                        }
                    }
                }
            }
        }
        assertEquals(-8766051798712497924L, list);
        assertEquals(-8766051798712497924L, cursor);
    }

    private static long digest(long h, int[] x, int[] y, boolean continues) {
        for (int v : x) {
            h = 31 * h + v;
        }
        for (int v : y) {
            h = 31 * h + v;
        }
        return 31 * h + (continues ? 1 : 0);
    }

    private static void same(Batch expected, BatchCursor actual, String where) {
        assertArrayEquals(expected.x(), actual.x(), where + ": inputs");
        assertArrayEquals(expected.y(), actual.y(), where + ": targets");
        assertEquals(expected.continues(), actual.continues(), where + ": continues");
        assertEquals(expected.steps(), actual.steps(), where + ": steps");
        assertEquals(expected.batch(), actual.batch(), where + ": batch");
    }
}
