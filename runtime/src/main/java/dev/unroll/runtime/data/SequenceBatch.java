package dev.unroll.runtime.data;

import dev.unroll.dsl.core.UnrollException;

/**
 * A minibatch of sequences, time-major: {@code x[t]} holds the {@code batch × inputWidth} inputs of step t and
 * {@code y[t]} the {@code batch × targetWidth} targets (a sequence's single target repeated at every step; a
 * last-step head reads it at the last). {@code lengths[r]} is row r's length and {@code rows[r]} its index in the
 * data set, so predictions can be put back in file order. Every row has at least 1 step; rows shorter than {@code
 * steps} are padded with zeros after their end.
 *
 * @param batch the number of rows
 * @param steps the longest row's length
 * @param x the inputs per step
 * @param y the targets per step
 * @param lengths each row's length
 * @param rows each row's index in the data set
 */
public record SequenceBatch(int batch, int steps, double[][] x, double[][] y, int[] lengths, int[] rows) {

    public SequenceBatch {
        if (batch < 1 || steps < 1 || x.length != steps || y.length != steps || lengths.length != batch
                || rows.length != batch) {
            throw new UnrollException("SequenceBatch: " + batch + " rows of " + steps + " steps need " + steps
                    + " input and target blocks and " + batch + " lengths and rows, got " + x.length + ", "
                    + y.length + ", " + lengths.length + " and " + rows.length);
        }
        for (int length : lengths) {
            if (length < 1 || length > steps) {
                throw new UnrollException("SequenceBatch: a row's length must be in [1, " + steps + "], got "
                        + length);
            }
        }
    }

    /** Whether every row has the full length {@code steps} (no padding). */
    public boolean full() {
        for (int length : lengths) {
            if (length != steps) {
                return false;
            }
        }
        return true;
    }
}
