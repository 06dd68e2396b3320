package dev.unroll.dsl.cells;

import dev.unroll.dsl.Cell;

/**
 * The standard cells, written in the DSL exactly as a user would write their own. Every cell has input
 * {@code x}, output {@code y} (its hidden state) and parameters named as in the equations of its Javadoc.
 */
public final class Cells {

    private Cells() {
    }

    /** A vanilla RNN with tanh: {@code H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h)}. */
    public static Cell rnn(int inputSize, int hidden) {
        return rnn(inputSize, hidden, Activation.TANH);
    }

    /** A vanilla RNN {@code H_t = φ(X_t W_xh + H_{t-1} W_hh + b_h)} with the given φ. */
    public static Cell rnn(int inputSize, int hidden, Activation phi) {
        return Cell.define("rnn", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var hNext = phi.apply(c.affine("h", hidden, x, h));
            c.next(h, hNext).output("y", hNext);
        });
    }

    /**
     * An LSTM: gates {@code I_t, F_t, O_t = σ(X_t W_x* + H_{t-1} W_h* + b_*)}, input node
     * {@code C̃_t = tanh(X_t W_xc + H_{t-1} W_hc + b_c)}, memory cell {@code C_t = F_t ⊙ C_{t-1} + I_t ⊙ C̃_t}
     * and hidden state {@code H_t = O_t ⊙ tanh(C_t)}.
     */
    public static Cell lstm(int inputSize, int hidden) {
        return Cell.define("lstm", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var cm = c.state("c", hidden);
            var i = c.affine("i", hidden, x, h).sigmoid().as("I");
            var f = c.affine("f", hidden, x, h).sigmoid().as("F");
            var o = c.affine("o", hidden, x, h).sigmoid().as("O");
            var cTilde = c.affine("c", hidden, x, h).tanh().as("C_tilde");
            var cNext = f.mul(cm).add(i.mul(cTilde)).as("C");
            var hNext = o.mul(cNext.tanh()).as("H");
            c.next(h, hNext).next(cm, cNext).output("y", hNext);
        });
    }

    /**
     * A GRU: reset and update gates {@code R_t, Z_t = σ(X_t W_x* + H_{t-1} W_h* + b_*)}, candidate
     * {@code H̃_t = tanh(X_t W_xh + (R_t ⊙ H_{t-1}) W_hh + b_h)} and {@code H_t = Z_t ⊙ H_{t-1} + (1 − Z_t) ⊙ H̃_t}.
     */
    public static Cell gru(int inputSize, int hidden) {
        return Cell.define("gru", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var r = c.affine("r", hidden, x, h).sigmoid().as("R");
            var z = c.affine("z", hidden, x, h).sigmoid().as("Z");
            var wxh = c.weight("W_xh", inputSize, hidden);
            var whh = c.weight("W_hh", hidden, hidden);
            var bh = c.bias("b_h", hidden);
            var hTilde = x.matmul(wxh).add(r.mul(h).matmul(whh)).addBias(bh).tanh().as("H_tilde");
            var hNext = z.mul(h).add(z.oneMinus().mul(hTilde)).as("H");
            c.next(h, hNext).output("y", hNext);
        });
    }

    /**
     * PyTorch's {@code nn.GRU}, which differs from {@link #gru} in its candidate: the reset gate multiplies the
     * hidden state's product after it is taken, and that product has a bias of its own,
     * {@code N_t = tanh(X_t W_xn + b_xn + R_t ⊙ (H_{t-1} W_hn + b_hn))}; gates {@code R_t, Z_t} and the update
     * {@code H_t = Z_t ⊙ H_{t-1} + (1 − Z_t) ⊙ N_t} are as in {@link #gru}. PyTorch's weights load into this cell
     * unchanged (docs/INTEROP.md); {@link #gru}, d2l's {@code (R_t ⊙ H_{t-1}) W_hh}, is another function.
     */
    public static Cell gruTorch(int inputSize, int hidden) {
        return Cell.define("gru_torch", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var r = c.affine("r", hidden, x, h).sigmoid().as("R");
            var z = c.affine("z", hidden, x, h).sigmoid().as("Z");
            var fromInput = x.matmul(c.weight("W_xn", inputSize, hidden)).addBias(c.bias("b_xn", hidden));
            var fromHidden = h.matmul(c.weight("W_hn", hidden, hidden)).addBias(c.bias("b_hn", hidden));
            var n = fromInput.add(r.mul(fromHidden)).tanh().as("N");
            var hNext = z.mul(h).add(z.oneMinus().mul(n)).as("H");
            c.next(h, hNext).output("y", hNext);
        });
    }
}
