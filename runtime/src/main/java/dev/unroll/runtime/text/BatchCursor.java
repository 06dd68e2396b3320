package dev.unroll.runtime.text;

/**
 * One minibatch at a time of a {@link Minibatches}' epochs, filled in place: {@link #epoch} selects an epoch and
 * {@link #load} writes one of its minibatches into arrays the cursor owns, the same ids in the same layout as the
 * {@link Batch} that {@link Minibatches#epoch} gives at that index. Loading allocates nothing, and neither does
 * selecting an epoch after the first, so a training loop over a cursor makes no garbage. The arrays are live:
 * the next {@link #load} overwrites them.
 */
public final class BatchCursor {

    private final Minibatches source;
    private final EpochOrder order;
    private final int steps;
    private final int batch;
    private final int[] x;
    private final int[] y;
    private boolean continues;

    BatchCursor(Minibatches source, EpochOrder order, int steps, int batch) {
        this.source = source;
        this.order = order;
        this.steps = steps;
        this.batch = batch;
        this.x = new int[steps * batch];
        this.y = new int[steps * batch];
        order.plan(0);
    }

    /** The minibatches this cursor reads. */
    public Minibatches source() {
        return source;
    }

    /** Moves to epoch {@code epoch} (0-based; a new cursor is at epoch 0); returns this cursor. */
    public BatchCursor epoch(int epoch) {
        order.plan(epoch);
        return this;
    }

    /** The number of minibatches in the current epoch. */
    public int size() {
        return order.size();
    }

    /** Fills {@link #x()}, {@link #y()} and {@link #continues()} with minibatch {@code index} of the current epoch. */
    public BatchCursor load(int index) {
        order.fill(index, x, y);
        continues = order.continues(index);
        return this;
    }

    /** T, the number of steps of each sequence. */
    public int steps() {
        return steps;
    }

    /** B, the number of sequences. */
    public int batch() {
        return batch;
    }

    /** The input ids of the loaded minibatch, time-major as in {@link Batch#x()}; live, overwritten by a load. */
    public int[] x() {
        return x;
    }

    /** The target ids of the loaded minibatch, time-major as in {@link Batch#y()}; live, overwritten by a load. */
    public int[] y() {
        return y;
    }

    /** Whether the loaded minibatch continues the rows of the one before it, as {@link Batch#continues()}. */
    public boolean continues() {
        return continues;
    }
}
