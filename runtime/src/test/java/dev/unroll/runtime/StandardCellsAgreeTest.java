package dev.unroll.runtime;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.cells.LayerNormCells;
import dev.unroll.kernels.Dtype;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated kernels of the RNN, LSTM and GRU (d2l's and PyTorch's), plain and layer-normalized, agree with the
 * interpreter under every truncation, in both dtypes.
 */
class StandardCellsAgreeTest {

    static List<Arguments> cases() {
        List<Scenario> cells = List.of(
                Scenario.of("rnn", LossCell.attach(Cells.rnn(3, 4), "y", Loss.MEAN_SQUARED_ERROR)),
                Scenario.of("lstm", LossCell.attach(Cells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR)),
                Scenario.of("gru", LossCell.attach(Cells.gru(3, 4), "y", Loss.MEAN_SQUARED_ERROR)),
                Scenario.of("gru_torch", LossCell.attach(Cells.gruTorch(3, 4), "y", Loss.MEAN_SQUARED_ERROR)),
                Scenario.of("lstm_ln", LossCell.attach(LayerNormCells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR)),
                Scenario.of("gru_ln", LossCell.attach(LayerNormCells.gru(3, 4), "y", Loss.MEAN_SQUARED_ERROR)));
        List<Truncation> truncations = List.of(Truncation.full(), Truncation.fixed(2), Truncation.randomized(0.5));
        List<Arguments> cases = new ArrayList<>();
        for (Dtype dtype : Dtype.values()) {
            for (Scenario cell : cells) {
                for (Truncation truncation : truncations) {
                    cases.add(Arguments.of(cell, dtype, truncation));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void agreesWithTheInterpreter(Scenario cell, Dtype dtype, Truncation truncation) {
        Agreement.check(cell, dtype, truncation, 6, 3, 42);
        Agreement.check(cell, dtype, truncation, 5, 4, 7);
    }
}
