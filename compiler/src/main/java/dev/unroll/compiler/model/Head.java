package dev.unroll.compiler.model;

import dev.unroll.dsl.core.UnrollException;

/**
 * The output layer {@code O_t = H_t W_hq + b_q}, on every step (language models) or on the last step only
 * (sequence classification), or absent ({@code outputs = 0}: the loss reads the last layer's hidden state).
 */
public record Head(int outputs, boolean lastStepOnly) {

    public Head {
        if (outputs < 0) {
            throw new UnrollException("a head needs at least 1 output (or 0 for none), got " + outputs);
        }
    }

    /** A dense head on every step. */
    public static Head everyStep(int outputs) {
        return new Head(requirePositive(outputs), false);
    }

    /** A dense head on the last step only. */
    public static Head lastStep(int outputs) {
        return new Head(requirePositive(outputs), true);
    }

    /** No head: the loss reads the last layer's output directly on every step. */
    public static Head none() {
        return new Head(0, false);
    }

    private static int requirePositive(int outputs) {
        if (outputs < 1) {
            throw new UnrollException("a head needs at least 1 output, got " + outputs);
        }
        return outputs;
    }
}
