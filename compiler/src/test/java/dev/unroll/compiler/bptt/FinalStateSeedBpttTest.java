package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Bptt#run} with final-state seeds: zero seeds give bit for bit the gradients of the overload without them,
 * a one-step cell's initial-state gradient is its seed passed back through one step, and seeds naming no state or of
 * the wrong shape are rejected with the rule.
 */
class FinalStateSeedBpttTest {

    private static final Adjoint RNN = Autodiff.adjoint(Cells.rnn(1, 1), List.of("y"));
    private static final List<Map<String, Mat>> INPUTS = List.of(Map.of("x", Mat.of(2, 1, 0.5, -1.0)));
    private static final Map<String, Mat> STATES = Map.of("h", Mat.of(2, 1, 0.25, 0.75));
    private static final Map<String, Mat> PARAMS = Map.of("W_xh", Mat.of(1, 1, 0.3), "W_hh", Mat.of(1, 1, -0.7),
            "b_h", Mat.of(1, 1, 0.1));
    private static final List<Map<String, Mat>> NO_OUTPUT_SEEDS = List.of(Map.of("y", Mat.zeros(2, 1)));

    @Test
    void zeroFinalStateSeedsChangeNoBit() {
        List<Map<String, Mat>> seeds = List.of(Map.of("y", Mat.of(2, 1, 1.5, -0.5)));
        Bptt.Gradients without = Bptt.run(RNN, INPUTS, STATES, PARAMS, seeds, new double[] {1}).gradients();
        Bptt.Gradients zeros = Bptt.run(RNN, INPUTS, STATES, PARAMS, seeds, Map.of("h", Mat.zeros(2, 1)),
                new double[] {1}).gradients();
        assertArrayEquals(without.initialStates().get("h").data(), zeros.initialStates().get("h").data());
        for (String p : PARAMS.keySet()) {
            assertArrayEquals(without.params().get(p).data(), zeros.params().get(p).data(), p);
        }
    }

    @Test
    void aOneStepRnnPassesItsFinalSeedBackThroughTheStep() {
        Mat seed = Mat.of(2, 1, 2.0, -3.0);
        Bptt.Result r = Bptt.run(RNN, INPUTS, STATES, PARAMS, NO_OUTPUT_SEEDS, Map.of("h", seed), new double[] {0.5});
        Mat h1 = r.forward().finalStates().get("h");
        for (int row = 0; row < 2; row++) {
            double y = h1.get(row, 0);
            // h1 = tanh(x W_xh + h0 W_hh + b), so dJ/dh0 = seed (1 − h1²) W_hh times the carry into the initial state.
            assertEquals(0.5 * seed.get(row, 0) * (1 - y * y) * -0.7, r.gradients().initialStates().get("h")
                    .get(row, 0), 1e-15);
        }
    }

    @Test
    void seedsNamingNoStateOrOfTheWrongShapeAreRejected() {
        assertMessage("BPTT: a final-state seed is given for 'c', which is not a state of cell 'rnn'; its states are"
                + " [h]", () -> Bptt.run(RNN, INPUTS, STATES, PARAMS, NO_OUTPUT_SEEDS, Map.of("c", Mat.zeros(2, 1)),
                new double[] {1}));
        assertMessage("BPTT: the final-state seed of 'h' must have the final state's shape 2×1, got 1×1",
                () -> Bptt.run(RNN, INPUTS, STATES, PARAMS, NO_OUTPUT_SEEDS, Map.of("h", Mat.zeros(1, 1)),
                        new double[] {1}));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(UnrollException.class, call).getMessage());
    }
}
