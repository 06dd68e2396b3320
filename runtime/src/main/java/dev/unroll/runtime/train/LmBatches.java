package dev.unroll.runtime.train;

import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.text.BatchCursor;
import dev.unroll.runtime.text.Minibatches;

/**
 * A language model's token minibatches as {@link Batches}: the ids of a {@link BatchCursor} copied into reused
 * columns of doubles, so loading allocates nothing.
 */
final class LmBatches implements Batches {

    private final BatchCursor cursor;
    private final double[][] x;
    private final double[][] y;

    LmBatches(Minibatches source) {
        this.cursor = source.cursor();
        this.x = new double[cursor.steps()][cursor.batch()];
        this.y = new double[cursor.steps()][cursor.batch()];
    }

    /** {@code batches} if it reads {@code data}, else new batches over {@code data}. */
    static LmBatches over(LmBatches batches, Minibatches data) {
        return batches != null && batches.cursor.source() == data ? batches : new LmBatches(data);
    }

    @Override
    public Task task() {
        return Task.LM;
    }

    @Override
    public int plan(int epoch) {
        return cursor.epoch(epoch).size();
    }

    @Override
    public void load(int index) {
        cursor.load(index);
        int batch = cursor.batch();
        for (int t = 0; t < x.length; t++) {
            for (int b = 0; b < batch; b++) {
                x[t][b] = cursor.x()[t * batch + b];
                y[t][b] = cursor.y()[t * batch + b];
            }
        }
    }

    @Override
    public int steps() {
        return cursor.steps();
    }

    @Override
    public int batch() {
        return cursor.batch();
    }

    @Override
    public double[][] x() {
        return x;
    }

    @Override
    public double[][] y() {
        return y;
    }

    @Override
    public int length(int row) {
        return cursor.steps();
    }

    @Override
    public boolean continues() {
        return cursor.continues();
    }
}
