package dev.unroll.runtime.text;

import dev.unroll.dsl.core.UnrollException;

/**
 * One minibatch of {@code batch} sequences of {@code steps} token ids, flat and time-major: the input at step t of
 * sequence b is {@code x[t * batch + b]} and its target, the next token of the text, is {@code y[t * batch + b]}.
 * {@code continues} is true when every sequence continues the same row of the previous minibatch (sequential
 * sampling after an epoch's first minibatch): the trainer then carries the state over, detached from the graph.
 * Each batch owns fresh arrays, so the consumer may keep or modify them; a loop that must not allocate reads the
 * same minibatches through a {@link BatchCursor} instead.
 */
public record Batch(int steps, int batch, int[] x, int[] y, boolean continues) {

    public Batch {
        if (steps < 1 || batch < 1) {
            throw new UnrollException("Batch: steps and batch must be >= 1, got steps " + steps + ", batch " + batch);
        }
        if (x.length != steps * batch || y.length != steps * batch) {
            throw new UnrollException("Batch: x and y must hold steps * batch = " + steps * batch + " ids, got "
                    + x.length + " and " + y.length);
        }
    }

    /** The input id at step {@code t} of sequence {@code b}. */
    public int input(int t, int b) {
        return x[t * batch + b];
    }

    /** The target id (the next token) at step {@code t} of sequence {@code b}. */
    public int target(int t, int b) {
        return y[t * batch + b];
    }
}
