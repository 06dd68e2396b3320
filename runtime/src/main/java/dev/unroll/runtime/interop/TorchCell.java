package dev.unroll.runtime.interop;

import dev.unroll.compiler.model.Layer;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A PyTorch recurrent module whose state-dict weights load into one of Unroll's standard cells: {@code nn.RNN}
 * (tanh) into {@link Cells#rnn}, {@code nn.LSTM} into {@link Cells#lstm} and {@code nn.GRU} into
 * {@link Cells#gruTorch} (not {@link Cells#gru}, which computes another function). The gates are listed in the
 * order PyTorch stacks their rows in {@code weight_ih_l<k>}, {@code weight_hh_l<k>} and the two biases.
 */
public enum TorchCell {
    /** {@code nn.RNN}: one block, {@code h}. */
    RNN("nn.RNN", "Cells.rnn", List.of(Gate.summed("h", "h"))),
    /** {@code nn.LSTM}: blocks i, f, g, o; PyTorch's cell input g is Unroll's input node {@code c}. */
    LSTM("nn.LSTM", "Cells.lstm", List.of(Gate.summed("i", "i"), Gate.summed("f", "f"), Gate.summed("g", "c"),
            Gate.summed("o", "o"))),
    /** {@code nn.GRU}: blocks r, z, n; n keeps its two biases apart, since r multiplies the hidden one. */
    GRU("nn.GRU", "Cells.gruTorch", List.of(Gate.summed("r", "r"), Gate.summed("z", "z"), Gate.separate("n", "n")));

    /**
     * One block of rows of PyTorch's stacked weights and the parameters it becomes.
     *
     * @param torch PyTorch's name of the block
     * @param unroll the gate's name in Unroll's cell: its weights are {@code W_x<gate>} and {@code W_h<gate>}
     * @param separateBiases whether the cell keeps the input bias {@code b_x<gate>} and the hidden bias
     *     {@code b_h<gate>} apart; otherwise their sum is its one bias {@code b_<gate>}
     */
    public record Gate(String torch, String unroll, boolean separateBiases) {

        static Gate summed(String torch, String unroll) {
            return new Gate(torch, unroll, false);
        }

        static Gate separate(String torch, String unroll) {
            return new Gate(torch, unroll, true);
        }

        /** The weight applied to the layer's input, {@code W_x<gate>}. */
        public String inputWeight() {
            return "W_x" + unroll;
        }

        /** The weight applied to the previous hidden state, {@code W_h<gate>}. */
        public String hiddenWeight() {
            return "W_h" + unroll;
        }

        /** The bias names: {@code b_<gate>}, or {@code b_x<gate>} and {@code b_h<gate>} when kept apart. */
        public List<String> biases() {
            return separateBiases ? List.of("b_x" + unroll, "b_h" + unroll) : List.of("b_" + unroll);
        }
    }

    private final String module;
    private final String cellName;
    private final List<Gate> gates;

    TorchCell(String module, String cellName, List<Gate> gates) {
        this.module = module;
        this.cellName = cellName;
        this.gates = gates;
    }

    /** PyTorch's module, e.g. {@code nn.LSTM}. */
    public String module() {
        return module;
    }

    /** The Unroll cell the weights load into, e.g. {@code Cells.lstm}. */
    public String cellName() {
        return cellName;
    }

    /** The gates in PyTorch's row order. */
    public List<Gate> gates() {
        return gates;
    }

    /** The parameter names every layer's cell must have, exactly. */
    public Set<String> parameterNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Gate g : gates) {
            names.add(g.inputWeight());
            names.add(g.hiddenWeight());
            names.addAll(g.biases());
        }
        return names;
    }

    /** The cell of {@code hidden} units for an input width, as a layer's factory. */
    public IntFunction<Cell> cell(int hidden) {
        return switch (this) {
            case RNN -> in -> Cells.rnn(in, hidden);
            case LSTM -> in -> Cells.lstm(in, hidden);
            case GRU -> in -> Cells.gruTorch(in, hidden);
        };
    }

    /** A layer of this cell with {@code hidden} units, in both directions if {@code bidirectional}. */
    public Layer layer(int hidden, boolean bidirectional) {
        return bidirectional ? Layer.bidirectional(cell(hidden)) : Layer.of(cell(hidden));
    }
}
