package dev.unroll.runtime;

import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Activation;
import dev.unroll.dsl.cells.Cells;
import java.util.List;
import java.util.Map;

/** Hand-written cells that exercise the ops the standard cells do not, each with a loss attached. */
final class CustomCells {

    private CustomCells() {
    }

    /** Every scenario for input width {@code n}, hidden width {@code m} and {@code v} classes. */
    static List<Scenario> all(int n, int m, int v) {
        return List.of(
                Scenario.of("rnn(" + n + "," + m + ")", mse(Cells.rnn(n, m))),
                Scenario.of("rnnRelu(" + n + "," + m + ")", mse(Cells.rnn(n, m, Activation.RELU))),
                Scenario.of("lstm(" + n + "," + m + ")", mse(Cells.lstm(n, m))),
                Scenario.of("gru(" + n + "," + m + ")", mse(Cells.gru(n, m))),
                Scenario.of("mixer(" + n + "," + m + ")", mse(mixer(n, m))),
                new Scenario("tokens(" + m + "," + v + ")", mse(tokens(m, v)), Map.of("tok", v)),
                new Scenario("classifier(" + n + "," + m + "," + v + ")",
                        LossCell.attach(classifier(n, m, v), "logits", Loss.SOFTMAX_CROSS_ENTROPY),
                        Map.of(LossCell.targetName("logits"), v)),
                Scenario.of("centered(" + n + "," + m + ")", mse(centered(n, m))),
                Scenario.of("stateless(" + n + "," + m + ")", mse(stateless(n, m))),
                Scenario.of("leaves(" + n + "," + m + ")", mse(leaves(n, m))),
                Scenario.of("constants(" + n + "," + m + ")", mse(constants(n, m))));
    }

    private static Cell mse(Cell cell) {
        return LossCell.attach(cell, "y", Loss.MEAN_SQUARED_ERROR);
    }

    /** concat, slice, relu, scale, exp, div, sum_cols, mean_cols and log of a positive value. */
    static Cell mixer(int n, int m) {
        return Cell.define("mixer", c -> {
            var x = c.input("x", n);
            var h = c.state("h", m);
            var u = x.concat(h).matmul(c.weight("W_u", n + m, 2 * m)).addBias(c.bias("b_u", 2 * m)).as("u");
            var p = u.slice(0, m).relu().scale(0.5);
            var q = u.slice(m, 2 * m).tanh().exp().as("q");
            var hNext = p.div(q).tanh().as("H");
            var y = hNext.concat(hNext.sumCols(), x.exp().meanCols().log());
            c.next(h, hNext).output("y", y);
        });
    }

    /** one_hot of integer tokens, an embedding, softmax, a constant and log of a positive value. */
    static Cell tokens(int m, int v) {
        return Cell.define("tokens", c -> {
            var tok = c.input("tok", 1);
            var h = c.state("h", m);
            var emb = tok.oneHot(v).matmul(c.weight("E", v, m)).as("emb");
            var hNext = emb.add(h.matmul(c.weight("W_hh", m, m))).addBias(c.bias("b_h", m)).tanh().as("H");
            var probs = hNext.matmul(c.weight("W_out", m, v)).softmax().as("probs");
            c.next(h, hNext).output("y", probs.add(c.constant(0.1, v)).log());
        });
    }

    /** Logits for softmax cross-entropy, with neg, sub and detach on the way. */
    static Cell classifier(int n, int m, int v) {
        return Cell.define("classifier", c -> {
            var x = c.input("x", n);
            var h = c.state("h", m);
            var a = c.affine("a", m, x, h).sigmoid();
            var hNext = a.mul(h.detach()).sub(a.neg().tanh()).as("H");
            c.next(h, hNext).output("logits", hNext.matmul(c.weight("W_out", m, v)));
        });
    }

    /** No state at all: each step stands alone. */
    static Cell stateless(int n, int m) {
        return Cell.define("stateless", c -> c.output("y", c.affine("y", m, c.input("x", n)).sigmoid()));
    }

    /** A state nothing reads (its adjoint is zero), and outputs that are leaves: an input and a previous state. */
    static Cell leaves(int n, int m) {
        return Cell.define("leaves", c -> {
            var x = c.input("x", n);
            var h = c.state("h", m);
            var unread = c.state("unread", n);
            var hNext = c.affine("h", m, x, h).tanh();
            c.next(h, hNext).next(unread, x).output("y", hNext).output("echo", x).output("previous", h);
        });
    }

    /** Batch statistics inside the cell: sum_rows and mean_rows, used as bias rows. */
    static Cell centered(int n, int m) {
        return Cell.define("centered", c -> {
            var x = c.input("x", n);
            var h = c.state("h", m);
            var z = c.affine("z", m, x, h).as("z");
            var centered = z.addBias(z.meanRows().neg()).as("centered");
            var hNext = centered.tanh().addBias(h.sumRows().scale(0.1).tanh()).as("H");
            c.next(h, hNext).output("y", hNext.mul(z.sigmoid()));
        });
    }

    /**
     * A user's constants read by a product and a concatenation (from a scratch of the reader), as either operand of
     * sub and div, as the rows a bias is added to, and as a state's next value and an output (the only constant
     * with a buffer).
     */
    static Cell constants(int n, int m) {
        return Cell.define("constants", c -> {
            var x = c.input("x", n);
            var h = c.state("h", m);
            var reset = c.state("reset", m);
            var z = x.concat(c.constant(0.5, 2), h).matmul(c.weight("W", n + 2 + m, m))
                    .add(c.constant(-1.0, n).matmul(c.weight("W_c", n, m)))
                    .add(c.constant(0.25, m).addBias(c.bias("b", m)));
            var hNext = c.constant(2.0, m).sub(z.tanh()).div(c.constant(3.0, m)).mul(reset).as("H");
            c.next(h, hNext).next(reset, c.constant(0.75, m))
                    .output("y", c.constant(1.0, m).div(hNext.exp())).output("one", c.constant(1.0, 2));
        });
    }
}
