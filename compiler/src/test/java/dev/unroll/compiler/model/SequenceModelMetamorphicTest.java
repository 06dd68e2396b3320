package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Relations between models that must hold whatever the parameters: reversal, trivial stacks, k = T. */
class SequenceModelMetamorphicTest {

    private final Random rng = new Random(5);

    @Test
    void backwardDirectionEqualsForwardCellOnReversedSequence() {
        Program p = Planner.plan(Model.of(Encoding.features(2)).layer(Layer.gru(3).bidirectional())
                .head(Head.none()).loss(Loss.MEAN_SQUARED_ERROR).build());
        Map<String, Mat> params = ParamStore.initialize(p, 9).mats();
        List<Mat> x = gaussians(5, 2, 2);
        ProgramRunner.Forward f = ProgramRunner.forward(p, x, gaussians(5, 2, 6), Map.of(), params);
        Cell gru = Cells.gru(2, 3);
        Map<String, Mat> own = new LinkedHashMap<>();
        for (Cell.Param q : gru.params()) {
            own.put(q.name(), params.get("l0b__" + q.name()));
        }
        List<Map<String, Mat>> reversed = new ArrayList<>();
        for (Mat m : x) {
            reversed.add(Map.of("x", m));
        }
        Collections.reverse(reversed);
        Interpreter.Run r = Interpreter.run(gru, reversed, Map.of("h", Mat.zeros(2, 3)), own);
        for (int t = 0; t < 5; t++) {
            Mat expected = r.outputs().get(4 - t).get("y");
            assertArrayEquals(expected.data(), f.outputs().get(1).get(t).get(Planner.LAYER_OUTPUT).data(), 0.0);
        }
    }

    @Test
    void oneLayerStackEqualsTheBareCell() {
        Program p = Planner.plan(Model.of(Encoding.features(2)).layer(Layer.lstm(3)).head(Head.none())
                .loss(Loss.MEAN_SQUARED_ERROR).build());
        Map<String, Mat> params = ParamStore.initialize(p, 4).mats();
        List<Mat> x = gaussians(4, 2, 2);
        List<Mat> y = gaussians(4, 2, 3);
        ProgramRunner.Result model = ProgramRunner.run(p, x, y, Map.of(), params, Truncation.full().carry(4, 0));
        Cell bare = LossCell.attach(Cells.lstm(2, 3), "y", Loss.MEAN_SQUARED_ERROR);
        Map<String, Mat> own = new LinkedHashMap<>();
        for (Cell.Param q : bare.params()) {
            own.put(q.name(), params.get("l0__" + q.name()));
        }
        List<Map<String, Mat>> steps = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            steps.add(Map.of("x", x.get(t), LossCell.targetName("y"), y.get(t)));
        }
        Bptt.LossResult ref = Bptt.loss(Autodiff.adjoint(bare, List.of(LossCell.LOSS)), steps,
                Map.of("h", Mat.zeros(2, 3), "c", Mat.zeros(2, 3)), own, Truncation.full().carry(4, 0));
        assertEquals(ref.loss(), model.loss(), 0.0);
        for (Cell.Param q : bare.params()) {
            assertArrayEquals(ref.result().gradients().params().get(q.name()).data(),
                    model.paramGrads().get("l0__" + q.name()).data(), 0.0, q.name());
        }
    }

    @Test
    void fixedTruncationWithKEqualToTIsFullBptt() {
        Program p = Planner.plan(Model.of(Encoding.oneHot(4)).layers(2, Layer.rnn(3)).head(Head.everyStep(4)).build());
        Map<String, Mat> params = ParamStore.initialize(p, 2).mats();
        List<Mat> x = tokens(6, 2, 4);
        List<Mat> y = tokens(6, 2, 4);
        ProgramRunner.Result full = ProgramRunner.run(p, x, y, Map.of(), params, Truncation.full().carry(6, 0));
        ProgramRunner.Result fixed = ProgramRunner.run(p, x, y, Map.of(), params, Truncation.fixed(6).carry(6, 0));
        ProgramRunner.Result cut = ProgramRunner.run(p, x, y, Map.of(), params, Truncation.fixed(2).carry(6, 0));
        for (String name : params.keySet()) {
            assertArrayEquals(full.paramGrads().get(name).data(), fixed.paramGrads().get(name).data(), 0.0, name);
        }
        double diff = Math.abs(full.paramGrads().get("l0__W_hh").get(0, 0) - cut.paramGrads().get("l0__W_hh").get(0, 0));
        org.junit.jupiter.api.Assertions.assertTrue(diff > 0, "k = 2 must cut gradients that k = T keeps");
    }

    private List<Mat> gaussians(int steps, int rows, int cols) {
        List<Mat> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double[] d = new double[rows * cols];
            for (int i = 0; i < d.length; i++) {
                d[i] = rng.nextGaussian();
            }
            out.add(Mat.of(rows, cols, d));
        }
        return out;
    }

    private List<Mat> tokens(int steps, int rows, int vocab) {
        List<Mat> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double[] d = new double[rows];
            for (int i = 0; i < rows; i++) {
                d[i] = rng.nextInt(vocab);
            }
            out.add(Mat.of(rows, 1, d));
        }
        return out;
    }
}
