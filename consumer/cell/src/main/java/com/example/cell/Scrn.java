package com.example.cell;

import dev.unroll.dsl.Cell;

/**
 * A structurally constrained recurrent network cell (Mikolov et al. 2014): beside a fast tanh state, a slow
 * context state that leaks with a fixed rate, so it keeps a memory of the last few dozen inputs.
 *
 * <pre>
 * S_t = α S_{t-1} + (1 − α) X_t B
 * H_t = tanh(X_t W_xh + H_{t-1} W_hh + S_t W_Sh + b_h)
 * </pre>
 */
public final class Scrn {

    /** The context's leak α; the paper's 0.95. */
    public static final double ALPHA = 0.95;

    private Scrn() {
    }

    /** The cell for the given input width and hidden size (the context has the hidden size too). */
    public static Cell cell(int inputSize, int hidden) {
        return Cell.define("scrn", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var s = c.state("s", hidden);
            var sNext = s.scale(ALPHA).add(x.matmul(c.weight("B", inputSize, hidden)).scale(1 - ALPHA)).as("S");
            var hNext = c.affine("h", hidden, x, h, sNext).tanh().as("H");
            c.next(h, hNext).next(s, sNext).output("y", hNext);
        });
    }
}
