package dev.unroll.examples.cells;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;

/**
 * An LSTM with peephole connections (Gers &amp; Schmidhuber 2000), a cell the library does not ship, written as a
 * user would: the input and forget gates also see the previous memory cell, the output gate sees the new one,
 * through diagonal (elementwise) peephole weights {@code w_ci, w_cf, w_co : [1×H]}.
 *
 * <pre>
 * I_t = σ(X_t W_xi + H_{t-1} W_hi + C_{t-1} ⊙ w_ci + b_i)
 * F_t = σ(X_t W_xf + H_{t-1} W_hf + C_{t-1} ⊙ w_cf + b_f)
 * C_t = F_t ⊙ C_{t-1} + I_t ⊙ tanh(X_t W_xc + H_{t-1} W_hc + b_c)
 * O_t = σ(X_t W_xo + H_{t-1} W_ho + C_t ⊙ w_co + b_o)
 * H_t = O_t ⊙ tanh(C_t)
 * </pre>
 */
public final class PeepholeLstm {

    private PeepholeLstm() {
    }

    /** The cell for the given input width and hidden size. */
    public static Cell cell(int inputSize, int hidden) {
        return Cell.define("peephole_lstm", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var cm = c.state("c", hidden);
            var wci = c.param("w_ci", 1, hidden, Init.uniform(-0.1, 0.1)).broadcast();
            var wcf = c.param("w_cf", 1, hidden, Init.uniform(-0.1, 0.1)).broadcast();
            var wco = c.param("w_co", 1, hidden, Init.uniform(-0.1, 0.1)).broadcast();
            var i = c.affine("i", hidden, x, h).add(cm.mul(wci)).sigmoid().as("I");
            var f = c.affine("f", hidden, x, h).add(cm.mul(wcf)).sigmoid().as("F");
            var cNext = f.mul(cm).add(i.mul(c.affine("c", hidden, x, h).tanh())).as("C");
            var o = c.affine("o", hidden, x, h).add(cNext.mul(wco)).sigmoid().as("O");
            var hNext = o.mul(cNext.tanh()).as("H");
            c.next(h, hNext).next(cm, cNext).output("y", hNext);
        });
    }
}
