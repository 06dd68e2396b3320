package dev.unroll.runtime.data;

import dev.unroll.dsl.core.UnrollException;

/**
 * A minibatch of sequences, time-major: {@code x[t]} holds the {@code batch × inputWidth} inputs of step t and
 * {@code y[t]} the {@code batch × targetWidth} targets (a sequence's single target repeated at every step; a
 * last-step head reads it at the last). {@code lengths[r]} is row r's length and {@code rows[r]} its index in the
 * data set, so predictions can be put back in file order. Every row has at least 1 step; rows shorter than {@code
 * steps} are padded with zeros after their end.
 *
 * <p>A seq2seq batch also holds the encoder's input: {@code source[t]} the {@code batch × 1} source tokens of step
 * t, padded the same way, and {@code sourceLengths[r]} row r's source length; {@code x} then holds the decoder's
 * inputs ({@code <bos>} and the target), {@code y} its targets (the target and {@code <eos>}) and {@code lengths}
 * the target lengths plus one. {@code steps} covers both sides. Other tasks have neither ({@code null}).
 *
 * @param batch the number of rows
 * @param steps the longest row's length
 * @param x the inputs per step
 * @param y the targets per step
 * @param lengths each row's length
 * @param rows each row's index in the data set
 * @param source the encoder's inputs per step (seq2seq), or {@code null}
 * @param sourceLengths each row's source length (seq2seq), or {@code null}
 */
public record SequenceBatch(int batch, int steps, double[][] x, double[][] y, int[] lengths, int[] rows,
                            double[][] source, int[] sourceLengths) {

    public SequenceBatch {
        if (batch < 1 || steps < 1 || x.length != steps || y.length != steps || lengths.length != batch
                || rows.length != batch) {
            throw new UnrollException("SequenceBatch: " + batch + " rows of " + steps + " steps need " + steps
                    + " input and target blocks and " + batch + " lengths and rows, got " + x.length + ", "
                    + y.length + ", " + lengths.length + " and " + rows.length);
        }
        requireLengths(lengths, steps);
        if ((source == null) != (sourceLengths == null)
                || source != null && (source.length != steps || sourceLengths.length != batch)) {
            throw new UnrollException("SequenceBatch: a source needs " + steps + " blocks and " + batch
                    + " lengths, or neither");
        }
        if (sourceLengths != null) {
            requireLengths(sourceLengths, steps);
        }
    }

    /** A batch without a source: every task but seq2seq. */
    public SequenceBatch(int batch, int steps, double[][] x, double[][] y, int[] lengths, int[] rows) {
        this(batch, steps, x, y, lengths, rows, null, null);
    }

    private static void requireLengths(int[] lengths, int steps) {
        for (int length : lengths) {
            if (length < 1 || length > steps) {
                throw new UnrollException("SequenceBatch: a row's length must be in [1, " + steps + "], got "
                        + length);
            }
        }
    }

    /** Whether every row has the full length {@code steps} (no padding). */
    public boolean full() {
        return full(lengths, steps);
    }

    /** The source lengths for a masked call, or {@code null} when there is no source or every row is full. */
    public int[] sourceLengthsIfPadded() {
        return sourceLengths == null || full(sourceLengths, steps) ? null : sourceLengths;
    }

    private static boolean full(int[] lengths, int steps) {
        for (int length : lengths) {
            if (length != steps) {
                return false;
            }
        }
        return true;
    }
}
