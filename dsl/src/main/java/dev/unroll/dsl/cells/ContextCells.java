package dev.unroll.dsl.cells;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Value;

/**
 * The standard cells with a second input, {@code context}, read by every gate beside {@code x}: the decoder cells
 * of an encoder–decoder, whose context is the encoder's top output at the source's last step (as d2l's
 * {@code Seq2SeqDecoder} concatenates it to each step's input). Each gate {@code g} gains a weight
 * {@code W_context<g>}; everything else is as in {@link Cells}.
 */
public final class ContextCells {

    /** The name of the context input. */
    public static final String CONTEXT = "context";

    private ContextCells() {
    }

    /** {@code H_t = tanh(X_t W_xh + S W_contexth + H_{t-1} W_hh + b_h)} for context {@code S}. */
    public static Cell rnn(int inputSize, int contextSize, int hidden) {
        return Cell.define("rnn_context", c -> {
            var x = c.input("x", inputSize);
            var s = c.input(CONTEXT, contextSize);
            var h = c.state("h", hidden);
            var hNext = c.affine("h", hidden, x, s, h).tanh();
            c.next(h, hNext).output("y", hNext);
        });
    }

    /** The LSTM of {@link Cells#lstm} whose gates and input node also read the context. */
    public static Cell lstm(int inputSize, int contextSize, int hidden) {
        return Cell.define("lstm_context", c -> {
            var x = c.input("x", inputSize);
            var s = c.input(CONTEXT, contextSize);
            var h = c.state("h", hidden);
            var cm = c.state("c", hidden);
            var i = c.affine("i", hidden, x, s, h).sigmoid().as("I");
            var f = c.affine("f", hidden, x, s, h).sigmoid().as("F");
            var o = c.affine("o", hidden, x, s, h).sigmoid().as("O");
            var cTilde = c.affine("c", hidden, x, s, h).tanh().as("C_tilde");
            var cNext = f.mul(cm).add(i.mul(cTilde)).as("C");
            var hNext = o.mul(cNext.tanh()).as("H");
            c.next(h, hNext).next(cm, cNext).output("y", hNext);
        });
    }

    /** The GRU of {@link Cells#gru} whose gates and candidate also read the context. */
    public static Cell gru(int inputSize, int contextSize, int hidden) {
        return Cell.define("gru_context", c -> {
            var x = c.input("x", inputSize);
            var s = c.input(CONTEXT, contextSize);
            var h = c.state("h", hidden);
            var r = c.affine("r", hidden, x, s, h).sigmoid().as("R");
            var z = c.affine("z", hidden, x, s, h).sigmoid().as("Z");
            Value candidate = c.affine("h", hidden, x, s).add(r.mul(h).matmul(c.weight("W_hh", hidden, hidden)));
            var hTilde = candidate.tanh().as("H_tilde");
            var hNext = z.mul(h).add(z.oneMinus().mul(hTilde)).as("H");
            c.next(h, hNext).output("y", hNext);
        });
    }
}
