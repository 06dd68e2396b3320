package dev.unroll.compiler.model;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.cells.LayerNormCells;
import dev.unroll.dsl.core.UnrollException;
import java.util.function.IntFunction;

/**
 * One layer of a sequence model: a cell made for a given input width, run forward in time, or two cells, one run
 * forward and one backward in time over the same inputs, whose hidden states are concatenated at each step.
 *
 * <p>A layer's cell must have exactly one input; its output is the output named {@code y}, or its only output.
 */
public record Layer(IntFunction<Cell> forward, IntFunction<Cell> backward) {

    public Layer {
        if (forward == null) {
            throw new UnrollException("a layer needs a cell factory (input width → cell), got null");
        }
    }

    /** A unidirectional layer of the cell made by {@code factory} for the layer's input width. */
    public static Layer of(IntFunction<Cell> factory) {
        return new Layer(factory, null);
    }

    /** A bidirectional layer running the same kind of cell (separate parameters) in both directions. */
    public static Layer bidirectional(IntFunction<Cell> factory) {
        return new Layer(factory, factory);
    }

    /** A bidirectional layer with its own cell for each direction. */
    public static Layer bidirectional(IntFunction<Cell> forward, IntFunction<Cell> backward) {
        return new Layer(forward, backward == null ? forward : backward);
    }

    /** A vanilla tanh RNN layer. */
    public static Layer rnn(int hidden) {
        int size = hidden("rnn", hidden);
        return of(in -> Cells.rnn(in, size));
    }

    /** An LSTM layer. */
    public static Layer lstm(int hidden) {
        int size = hidden("lstm", hidden);
        return of(in -> Cells.lstm(in, size));
    }

    /** A GRU layer. */
    public static Layer gru(int hidden) {
        int size = hidden("gru", hidden);
        return of(in -> Cells.gru(in, size));
    }

    /** A layer-normalized LSTM layer ({@link LayerNormCells#lstm}, Ba et al.). */
    public static Layer layerNormLstm(int hidden) {
        int size = hidden("layerNormLstm", hidden);
        return of(in -> LayerNormCells.lstm(in, size));
    }

    /** A layer-normalized GRU layer ({@link LayerNormCells#gru}). */
    public static Layer layerNormGru(int hidden) {
        int size = hidden("layerNormGru", hidden);
        return of(in -> LayerNormCells.gru(in, size));
    }

    private static int hidden(String kind, int hidden) {
        if (hidden < 1) {
            throw new UnrollException("Layer." + kind + ": the hidden size must be at least 1, got " + hidden);
        }
        return hidden;
    }

    /** This layer made bidirectional with the same cell kind in both directions. */
    public Layer bidirectional() {
        return new Layer(forward, forward);
    }

    /** Whether the layer runs a second cell backward in time. */
    public boolean isBidirectional() {
        return backward != null;
    }
}
