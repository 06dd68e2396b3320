package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.runtime.data.Task;
import org.junit.jupiter.api.Test;

/** Each metric on a tiny case checked by hand. */
class ScoringTest {

    /** Two rows of two steps, one target column. */
    private static Batches batch(Task task, double[][] y) {
        return batch(task, y, new int[] {2, 2});
    }

    /** Rows of the given lengths, time-major targets {@code y} of one column. */
    private static Batches batch(Task task, double[][] y, int[] lengths) {
        return new Batches() {
            @Override public Task task() { return task; }
            @Override public int plan(int epoch) { return 1; }
            @Override public void load(int index) { }
            @Override public int steps() { return y.length; }
            @Override public int batch() { return lengths.length; }
            @Override public double[][] x() { return new double[y.length][lengths.length]; }
            @Override public double[][] y() { return y; }
            @Override public int length(int row) { return lengths[row]; }
            @Override public boolean continues() { return false; }
        };
    }

    // Logits of 3 classes, rows side by side: step 0 picks classes 2 and 0, step 1 picks 1 and 1.
    private static final double[][] LOGITS = {{0, 1, 5, 9, 2, 3}, {0, 4, 1, 1, 2, 0}};

    @Test
    void classificationAccuracyReadsTheLastStep() {
        Scoring s = new Scoring(Task.CLASSIFY, false);
        s.add(batch(Task.CLASSIFY, new double[][] {{2, 0}, {1, 0}}), 0.7, t -> LOGITS[t]);
        assertEquals(0.5, s.value()); // last step: row 0 picks 1 (right), row 1 picks 1 (target 0: wrong)
    }

    @Test
    void labellingAccuracyCountsEveryToken() {
        Scoring s = new Scoring(Task.LABEL, true);
        s.add(batch(Task.LABEL, new double[][] {{2, 1}, {1, 1}}), 0.7, t -> LOGITS[t]);
        assertEquals(0.75, s.value()); // step 0: row 0 right, row 1 wrong (0 for 1); step 1: both right
    }

    @Test
    void meanSquaredErrorAveragesEveryValue() {
        Scoring last = new Scoring(Task.REGRESS, false);
        last.add(batch(Task.REGRESS, new double[][] {{0, 0}, {1, 1}}), 0.7, t -> new double[] {t, 3 + t});
        assertEquals((0 + 9) / 2.0, last.value()); // step 1: (1-1)² and (4-1)²
        Scoring every = new Scoring(Task.REGRESS, true);
        every.add(batch(Task.REGRESS, new double[][] {{0, 0}, {1, 1}}), 0.7, t -> new double[] {t, 3 + t});
        assertEquals((0 + 9 + 0 + 9) / 4.0, every.value());
    }

    @Test
    void perplexityIsTheExponentialOfTheMeanLoss() {
        Scoring s = new Scoring(Task.LM, true);
        s.add(batch(Task.LM, new double[2][2]), 1.0, t -> null);
        s.add(batch(Task.LM, new double[2][2]), 2.0, t -> null);
        assertEquals(Math.exp(1.5), s.value());
    }

    @Test
    void exactMatchCountsWholeDecodingsOnly() {
        // Targets (then <eos> = 1) per row, time-major: row 0 is 5 7 <eos>, row 1 is 6 <eos>, row 2 is 4 4 <eos>.
        double[][] y = {{5, 6, 4}, {7, 1, 4}, {1, 0, 1}};
        Batches b = batch(Task.SEQ2SEQ, y, new int[] {3, 2, 3});
        Scoring s = new Scoring(Task.SEQ2SEQ, true);
        s.addDecoded(b, new int[][] {{5, 7}, {6, 3}, {4}});
        s.addDecoded(b, new int[][] {{5, 7}, {6}, {4, 4}});
        // Right: row 0 twice, then rows 1 and 2; a longer, a wrong or a shorter decoding is wrong.
        assertEquals(4 / 6.0, s.value());
    }
}
