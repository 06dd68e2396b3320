package dev.unroll.runtime.train;

import dev.unroll.dsl.core.Require;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.SequenceBatch;
import dev.unroll.runtime.data.Task;
import java.util.List;

/**
 * Sequence minibatches bucketed by length as {@link Batches}: shuffled from a seed each epoch for training, or in
 * a fixed order for evaluation.
 */
public final class TaskBatches implements Batches {

    private final Buckets buckets;
    private final DataSpec spec;
    private final long seed;
    private final boolean shuffled;
    private List<SequenceBatch> epoch;
    private SequenceBatch loaded;

    private TaskBatches(Buckets buckets, DataSpec spec, long seed, boolean shuffled) {
        this.buckets = Require.notNull(buckets, "TaskBatches", "buckets");
        this.spec = Require.notNull(spec, "TaskBatches", "spec");
        this.seed = seed;
        this.shuffled = shuffled;
    }

    /** Training batches: each epoch's order and grouping drawn from {@code seed} and the epoch. */
    public static TaskBatches training(Buckets buckets, DataSpec spec, long seed) {
        return new TaskBatches(buckets, spec, seed, true);
    }

    /** Evaluation batches: the same fixed order every epoch. */
    public static TaskBatches evaluation(Buckets buckets, DataSpec spec) {
        return new TaskBatches(buckets, spec, 0, false);
    }

    /** How the batches' data was encoded. */
    public DataSpec spec() {
        return spec;
    }

    /** The loaded minibatch. */
    public SequenceBatch loaded() {
        return loaded;
    }

    @Override
    public Task task() {
        return spec.task();
    }

    @Override
    public int plan(int epochIndex) {
        if (shuffled || epoch == null) {
            epoch = shuffled ? buckets.epoch(seed, epochIndex) : buckets.inOrder();
        }
        return epoch.size();
    }

    @Override
    public void load(int index) {
        loaded = epoch.get(index);
    }

    @Override
    public int steps() {
        return loaded.steps();
    }

    @Override
    public int batch() {
        return loaded.batch();
    }

    @Override
    public double[][] x() {
        return loaded.x();
    }

    @Override
    public double[][] y() {
        return loaded.y();
    }

    @Override
    public int length(int row) {
        return loaded.lengths()[row];
    }

    @Override
    public int[] lengths() {
        return loaded.full() ? null : loaded.lengths();
    }

    @Override
    public double[][] source() {
        return loaded.source();
    }

    @Override
    public int[] sourceLengths() {
        return loaded.sourceLengthsIfPadded();
    }

    @Override
    public boolean continues() {
        return false;
    }
}
