package dev.unroll.runtime.inference;

import dev.unroll.dsl.Cell;

/** A cell of the tests' own, named by its class as a user's cell is: {@code h' = tanh(x W + h U + b)}. */
public final class TinyCell {

    private TinyCell() {
    }

    /** The cell for {@code inputSize} inputs and {@code hidden} units. */
    public static Cell cell(int inputSize, int hidden) {
        return Cell.define("tiny", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var next = c.affine("a", hidden, x, h).tanh().as("H");
            c.next(h, next).output("y", next);
        });
    }
}
