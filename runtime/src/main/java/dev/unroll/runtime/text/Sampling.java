package dev.unroll.runtime.text;

/** How an epoch's minibatches are cut from the token stream (d2l's two iterators). */
public enum Sampling {

    /**
     * d2l's {@code seq_data_iter_random}: after a random start offset, the stream is cut into subsequences of T
     * tokens whose order is shuffled; neighbouring minibatches are unrelated, so the state is reset for each.
     */
    RANDOM,

    /**
     * d2l's {@code seq_data_iter_sequential}: after a random start offset, the stream is laid out as B contiguous
     * rows, and minibatch i+1 continues minibatch i row by row, so the state is carried (and detached).
     */
    SEQUENTIAL
}
