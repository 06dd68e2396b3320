package dev.unroll.examples.cells;

import dev.unroll.dsl.Cell;

/**
 * The minimal gated unit (Zhou et al. 2016), a cell the library does not ship: a GRU with one gate doing the work
 * of both reset and update.
 *
 * <pre>
 * F_t = σ(X_t W_xf + H_{t-1} W_hf + b_f)
 * H̃_t = tanh(X_t W_xh + (F_t ⊙ H_{t-1}) W_hh + b_h)
 * H_t = (1 − F_t) ⊙ H_{t-1} + F_t ⊙ H̃_t
 * </pre>
 */
public final class MinimalGatedUnit {

    private MinimalGatedUnit() {
    }

    /** The cell for the given input width and hidden size. */
    public static Cell cell(int inputSize, int hidden) {
        return Cell.define("mgu", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var f = c.affine("f", hidden, x, h).sigmoid().as("F");
            var wxh = c.weight("W_xh", inputSize, hidden);
            var whh = c.weight("W_hh", hidden, hidden);
            var hTilde = x.matmul(wxh).add(f.mul(h).matmul(whh)).addBias(c.bias("b_h", hidden)).tanh().as("H_tilde");
            var hNext = f.oneMinus().mul(h).add(f.mul(hTilde)).as("H");
            c.next(h, hNext).output("y", hNext);
        });
    }
}
