package dev.unroll.compiler.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Activation;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.cells.LayerNormCells;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance for the standard cells: RNN (tanh and relu), LSTM and GRU (d2l's and PyTorch's), layer normalization
 * in an RNN, and the layer-normalized LSTM and GRU, under both losses and all three truncation kinds, agree with
 * finite differences to 1e-6 and with the forward-mode oracle to 1e-10, over parameters, initial states and inputs.
 */
class StandardCellGradientsTest {

    private static final Map<String, Supplier<Cell>> CELLS = Map.of(
            "rnn", () -> Cells.rnn(3, 4),
            "rnn_relu", () -> Cells.rnn(3, 4, Activation.RELU),
            "lstm", () -> Cells.lstm(3, 4),
            "gru", () -> Cells.gru(3, 4),
            "gru_torch", () -> Cells.gruTorch(3, 4),
            "ln_rnn", () -> Cell.define("ln_rnn", c -> {
                var x = c.input("x", 3);
                var h = c.state("h", 4);
                var hNext = c.layerNorm("h", c.affine("a", 4, x, h)).tanh();
                c.next(h, hNext).output("y", hNext);
            }),
            "lstm_ln", () -> LayerNormCells.lstm(3, 4),
            "gru_ln", () -> LayerNormCells.gru(3, 4));

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 11;
        for (String cell : List.of("rnn", "rnn_relu", "lstm", "gru", "gru_torch", "ln_rnn", "lstm_ln", "gru_ln")) {
            for (Loss loss : Loss.values()) {
                for (Truncation t : List.of(Truncation.full(), Truncation.fixed(2), Truncation.randomized(0.6))) {
                    out.add(Arguments.of(cell, loss, t, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void bpttAgreesWithFiniteDifferencesAndForwardMode(String name, Loss loss, Truncation truncation, long seed) {
        CellCheck check = GradCheck.cell(CELLS.get(name).get()).loss(loss).truncation(truncation).steps(5).batch(3)
                .seed(seed);
        Report fd = check.finiteDifferences().assertWithin(1e-6);
        // Layer normalization is smooth, but it divides by each row's deviation, so where a row is nearly constant
        // its curvature defeats the reference's step and the reference skips that element; forward mode below
        // checks every element.
        if (!name.endsWith("relu") && !name.contains("ln")) {
            assertEquals(0, fd.skipped(), "smooth cells skip nothing\n" + fd);
        }
        check.forwardMode().assertWithin(1e-10);
        check.directional().assertWithin(1e-6);
    }

    @Test
    void directionalCheckOfALargerLstm() {
        // 16 inputs, 48 hidden: 12,480 parameters, where the element-wise check would take 100,000 runs.
        GradCheck.cell(Cells.lstm(16, 48)).loss(Loss.SOFTMAX_CROSS_ENTROPY).steps(8).batch(4).seed(3)
                .directional().assertWithin(1e-6);
    }
}
