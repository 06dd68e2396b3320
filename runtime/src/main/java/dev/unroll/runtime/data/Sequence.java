package dev.unroll.runtime.data;

import dev.unroll.dsl.core.UnrollException;

/**
 * One encoded example: {@code length} steps of {@code x} (token ids or features, {@code length × inputWidth},
 * row-major) and its target {@code y}: {@code length × targetWidth} when the task has a target per step, else
 * {@code targetWidth} values for the whole sequence. A seq2seq pair is its source ({@code length} tokens of {@code
 * x}) and its target's tokens ({@code y}, of the target's own length, without {@code <bos>} and {@code <eos>}).
 *
 * @param where the file and line (or array and row) it came from, for messages
 * @param length the number of steps, at least 1
 * @param x the inputs, step by step
 * @param y the targets, step by step or for the sequence
 */
public record Sequence(String where, int length, double[] x, double[] y) {

    public Sequence {
        if (length < 1) {
            throw new UnrollException(where + ": a sequence needs at least 1 step, got " + length);
        }
        if (x.length % length != 0) {
            throw new UnrollException(where + ": " + x.length + " input values do not split into " + length
                    + " steps");
        }
    }

    /** The inputs of step {@code t}, {@code width} values, copied into {@code out} at {@code at}. */
    void inputInto(int t, int width, double[] out, int at) {
        System.arraycopy(x, t * width, out, at, width);
    }

    /** The target at step {@code t}: the step's own when targets are per step, else the sequence's. */
    void targetInto(int t, int width, boolean perStep, double[] out, int at) {
        System.arraycopy(y, perStep ? t * width : 0, out, at, width);
    }
}
