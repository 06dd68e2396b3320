package dev.unroll.dsl.cells;

import dev.unroll.dsl.Value;

/** The nonlinearity φ of a vanilla RNN. */
public enum Activation {
    /** {@code tanh}, the default. */
    TANH,
    /** {@code max(0, x)}. */
    RELU;

    /** Applies this activation to {@code v}. */
    public Value apply(Value v) {
        return switch (this) {
            case TANH -> v.tanh();
            case RELU -> v.relu();
        };
    }
}
