package dev.unroll.dsl.cells;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.CellBuilder;
import dev.unroll.dsl.Value;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;

/**
 * Layer-normalized LSTM and GRU (Ba, Kiros and Hinton 2016), written in the DSL with
 * {@link CellBuilder#layerNorm}: the input-to-hidden and hidden-to-hidden pre-activations are normalized
 * separately, each with its own gain and bias, so neither the scale of the input nor that of the state sets the
 * gates' operating point. Input {@code x}, output {@code y} (the hidden state), as in {@link Cells}.
 */
public final class LayerNormCells {

    private LayerNormCells() {
    }

    /**
     * The LN-LSTM of Ba et al. (their eqs. 20–22): all four gates' pre-activations at once,
     * {@code [F I O G] = LN_x(X_t W_x) + LN_h(H_{t-1} W_h) + b} with {@code W_x [in×4h]}, {@code W_h [h×4h]},
     * {@code C_t = σ(F) ⊙ C_{t-1} + σ(I) ⊙ tanh(G)} and {@code H_t = σ(O) ⊙ tanh(LN_c(C_t))}; the cell state
     * carried to the next step is {@code C_t} itself, not normalized.
     */
    public static Cell lstm(int inputSize, int hidden) {
        return Cell.define("lstm_ln", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            var cm = c.state("c", hidden);
            int width = gatesWidth("lstm", 4, hidden);
            var gates = normalizedSum(c, "x", x, "h", h, width).addBias(c.bias("b", width));
            var f = gates.slice(0, hidden).sigmoid().as("F");
            var i = gates.slice(hidden, 2 * hidden).sigmoid().as("I");
            var o = gates.slice(2 * hidden, 3 * hidden).sigmoid().as("O");
            var g = gates.slice(3 * hidden, 4 * hidden).tanh().as("C_tilde");
            var cNext = f.mul(cm).add(i.mul(g)).as("C");
            var hNext = o.mul(c.layerNorm("c", cNext).tanh()).as("H");
            c.next(h, hNext).next(cm, cNext).output("y", hNext);
        });
    }

    /**
     * A layer-normalized GRU in the form of {@link Cells#gru}: gates
     * {@code [R Z] = σ(LN_x(X_t W_x) + LN_h(H_{t-1} W_h) + b)} with {@code W_x [in×2h]}, {@code W_h [h×2h]},
     * candidate {@code H̃_t = tanh(LN_xc(X_t W_xc) + LN_hc((R ⊙ H_{t-1}) W_hc) + b_c)} and
     * {@code H_t = Z ⊙ H_{t-1} + (1 − Z) ⊙ H̃_t}.
     */
    public static Cell gru(int inputSize, int hidden) {
        return Cell.define("gru_ln", c -> {
            var x = c.input("x", inputSize);
            var h = c.state("h", hidden);
            int width = gatesWidth("gru", 2, hidden);
            var gates = normalizedSum(c, "x", x, "h", h, width).addBias(c.bias("b", width)).sigmoid();
            var r = gates.slice(0, hidden).as("R");
            var z = gates.slice(hidden, 2 * hidden).as("Z");
            var hTilde = normalizedSum(c, "xc", x, "hc", r.mul(h), hidden).addBias(c.bias("b_c", hidden))
                    .tanh().as("H_tilde");
            var hNext = z.mul(h).add(z.oneMinus().mul(hTilde)).as("H");
            c.next(h, hNext).output("y", hNext);
        });
    }

    /** The width of {@code gates} gates' pre-activations side by side, which must fit one Java array. */
    private static int gatesWidth(String cell, int gates, int hidden) {
        if (hidden > Shape.MAX_ELEMENTS / gates) {
            throw new UnrollException("LayerNormCells." + cell + ": the hidden size must be at most "
                    + Shape.MAX_ELEMENTS / gates + ", so that its " + gates + " gates' pre-activations side by side fit"
                    + " one Java array; got " + hidden);
        }
        return gates * hidden;
    }

    /**
     * {@code LN_a(a W_a) + LN_b(b W_b)}, each product {@code size} wide: the two pre-activations normalized apart,
     * as Ba et al. do, since the input's and the state's scales differ.
     */
    private static Value normalizedSum(CellBuilder c, String aName, Value a, String bName, Value b, int size) {
        var wa = c.weight("W_" + aName, a.shape().cols(), size);
        var wb = c.weight("W_" + bName, b.shape().cols(), size);
        return c.layerNorm(aName, a.matmul(wa)).add(c.layerNorm(bName, b.matmul(wb)));
    }
}
