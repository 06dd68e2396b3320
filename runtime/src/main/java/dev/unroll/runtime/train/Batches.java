package dev.unroll.runtime.train;

import dev.unroll.runtime.data.Task;

/**
 * The minibatches a {@link Trainer} reads, one at a time: {@link #plan} selects an epoch, {@link #load} one of its
 * minibatches, and the accessors describe the loaded one, time-major: {@code x()[t]} holds step t's inputs of every
 * row ({@code batch × input width}), {@code y()[t]} its targets. The arrays may be live, overwritten by the next
 * load.
 */
public interface Batches {

    /** The task the batches are for, which decides the loss reported and the validation metric. */
    Task task();

    /** Selects epoch {@code epoch} (from 0) and returns its number of minibatches. */
    int plan(int epoch);

    /** Loads minibatch {@code index} of the planned epoch. */
    void load(int index);

    /** The steps of the loaded minibatch. */
    int steps();

    /** The rows of the loaded minibatch. */
    int batch();

    /** The inputs per step of the loaded minibatch. */
    double[][] x();

    /** The targets per step of the loaded minibatch. */
    double[][] y();

    /** Each row's length in the loaded minibatch. */
    int length(int row);

    /**
     * The loaded minibatch's row lengths for a masked program when they differ, or {@code null} when every row has
     * all {@link #steps()} steps (the executor's unmasked call).
     */
    default int[] lengths() {
        return null;
    }

    /**
     * The encoder's inputs per step of the loaded minibatch ({@code batch × 1} source tokens), for a seq2seq model;
     * {@code null} for every other task.
     */
    default double[][] source() {
        return null;
    }

    /**
     * The loaded minibatch's source lengths for a seq2seq model when they differ, or {@code null} when every source
     * has all {@link #steps()} steps or there is no source.
     */
    default int[] sourceLengths() {
        return null;
    }

    /** Whether the loaded minibatch continues the rows of the one before it (the states carry over). */
    boolean continues();
}
