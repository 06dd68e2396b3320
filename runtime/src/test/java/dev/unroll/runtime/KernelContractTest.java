package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.InterpretedKernel;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelException;
import dev.unroll.kernels.KernelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link Kernel} contract, checked the same way on both backends: generated code and the interpreted reference
 * kernel take the same slots, reject the same misuse with the same messages and compute the same values.
 */
class KernelContractTest {

    private static final Cell LSTM = LossCell.attach(Cells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR);
    private static final Cell LEAVES = LossCell.attach(CustomCells.leaves(2, 3), "y", Loss.MEAN_SQUARED_ERROR);

    /** A way to make a kernel of an adjoint, with the capacity of {@link Agreement}. */
    enum Backend {
        GENERATED(a -> Unroll.compile(a, Options.float64().maxSteps(Agreement.MAX_STEPS)
                .maxBatch(Agreement.MAX_BATCH)).newKernel()),
        INTERPRETED(a -> InterpretedKernel.of(a, Agreement.MAX_STEPS, Agreement.MAX_BATCH));

        private final Function<Adjoint, Kernel> make;

        Backend(Function<Adjoint, Kernel> make) {
            this.make = make;
        }

        Kernel of(Cell cellWithLoss) {
            return make.apply(Autodiff.adjoint(cellWithLoss, List.of(LossCell.LOSS)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void kernelCallsOutOfOrderOrOutOfShapeFailWithTheRule(Backend backend) {
        Kernel kernel = backend.of(LSTM);
        assertMessage("input 'x' is [B×3], so it takes b·3 values for a batch of b rows, 1 ≤ b ≤ 4, got 5",
                () -> kernel.setInput(0, 0, new double[5]));
        assertMessage("parameter 'b_i' is [1×4], so it takes exactly 4 values, got 3",
                () -> kernel.setParameter(kernel.spec().param("b_i"), new double[3]));
        assertMessage("setInput: step must be in [0, 6), got 6", () -> kernel.setInput(0, 6, new double[3]));
        assertMessage("state index must be in [0, 2), got 2; look the index up by name in the kernel's spec()",
                () -> kernel.setInitialState(2, new double[4]));
        assertMessage("forward: batch must be in [1, 4], got 5; compile with a larger maxBatch for more",
                () -> kernel.forward(1, 5));
        assertMessage("initial state 'h' was never set; call setInitialState first", () -> kernel.forward(1, 1));
        kernel.setInitialState(0, new double[8]);
        kernel.setInitialState(1, new double[8]);
        kernel.setInput(0, 0, new double[6]);
        kernel.setInput(1, 0, new double[8]);
        kernel.setInput(0, 1, new double[3]);
        assertMessage("input 'x' at step 1 was set with 1 rows but the run has a batch of 2; set every value with 2"
                + " rows", () -> kernel.forward(2, 2));
        assertMessage("backward needs the tape of a forward run, and there is none since the last step() or change"
                + " of a parameter, initial state or input; call forward(steps, batch) first",
                () -> kernel.backward(new double[] {1}));
        kernel.forward(1, 2);
        assertMessage("there are no gradients: no backward() since the last forward(), or the run changed since;"
                + " call backward(carry) after forward(steps, batch)",
                () -> kernel.getParameterGradient(0, new double[12]));
        assertMessage("backward needs one carry factor per step of the last forward run (T = 1), got 2; use"
                + " truncation.carry(1, seed)", () -> kernel.backward(new double[] {1, 1}));
        assertMessage("seed of output 'loss' at step 0 was never set; call setOutputSeed first",
                () -> kernel.backward(new double[] {1}));
        assertMessage("output 'y' has 8 values but the array given holds 7; pass an array of at least 8",
                () -> kernel.getOutput(0, 0, new double[7]));
        kernel.setInput(0, 0, new double[6]);
        assertMessage("there are no outputs or final states: no forward() or step() since the last change of a"
                + " parameter, initial state or input; run one first", () -> kernel.getOutput(0, 0, new double[8]));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void finalStateSeedsOfTheWrongStateOrShapeOrBatchFailWithTheRule(Backend backend) {
        Kernel kernel = backend.of(LSTM);
        assertMessage("state index must be in [0, 2), got 2; look the index up by name in the kernel's spec()",
                () -> kernel.setFinalStateSeed(2, new double[4]));
        assertMessage("state index must be in [0, 2), got -1; look the index up by name in the kernel's spec()",
                () -> kernel.setFinalStateSeed(-1, new double[4]));
        assertMessage("final-state seed 'c' is [B×4], so it takes b·4 values for a batch of b rows, 1 ≤ b ≤ 4, got 5",
                () -> kernel.setFinalStateSeed(1, new double[5]));
        assertMessage("final-state seed 'h' is [B×4], so it takes b·4 values for a batch of b rows, 1 ≤ b ≤ 4, got"
                + " 20", () -> kernel.setFinalStateSeed(0, new double[20]));
        kernel.setInitialState(0, new double[8]);
        kernel.setInitialState(1, new double[8]);
        kernel.setInput(0, 0, new double[6]);
        kernel.setInput(1, 0, new double[8]);
        kernel.setOutputSeed(0, 0, new double[] {1});
        kernel.setFinalStateSeed(0, new double[8]);
        kernel.setFinalStateSeed(1, new double[4]);
        kernel.forward(1, 2);
        assertMessage("final-state seed 'c' was set with 1 rows but the run has a batch of 2; call setFinalStateSeed"
                + " with 2 rows for this batch, or clearFinalStateSeeds() to seed the final states with zeros",
                () -> kernel.backward(new double[] {1}));
        kernel.clearFinalStateSeeds();
        kernel.backward(new double[] {1});
        kernel.getInitialStateGradient(1, new double[8]);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void kernelSpecNamesTheSlotsInCellOrder(Backend backend) {
        KernelSpec spec = backend.of(LSTM).spec();
        assertEquals(List.of("x", "target__y"), spec.inputs().stream().map(KernelSpec.Slot::name).toList());
        assertEquals(List.of("h", "c"), spec.states().stream().map(KernelSpec.Slot::name).toList());
        assertEquals(List.of("x"), spec.inputsWithGradient());
        assertEquals(List.of(KernelSpec.Slot.fixed("loss", 1, 1)), spec.seeds());
        assertEquals(Agreement.MAX_STEPS, spec.maxSteps());
        assertEquals(Agreement.MAX_BATCH, spec.maxBatch());
        assertMessage("kernel of cell 'lstm' has no input named \"nope\"; its inputs are [x, target__y]",
                () -> spec.input("nope"));
    }

    @Test
    void bothBackendsHaveTheSameSpec() {
        for (Cell cell : List.of(LSTM, LEAVES)) {
            assertEquals(Backend.GENERATED.of(cell).spec(), Backend.INTERPRETED.of(cell).spec(), cell.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void repeatedStepsCarryTheStateAndKeepEachStepsOutputs(Backend backend) {
        Kernel kernel = backend.of(LEAVES);
        Scenario.Data data = Scenario.of("leaves", LEAVES).data(4, 2, 5);
        KernelIo io = new KernelIo(kernel);
        io.setParameters(data.params());
        io.setInitialStates(data.states());
        Map<String, Mat> states = data.states();
        for (Map<String, Mat> x : data.inputs()) {
            io.setInputs(0, x);
            kernel.step(2);
            Interpreter.Step expected = Interpreter.step(LEAVES, x, states, data.params());
            Agreement.close("outputs after step", expected.outputs(), io.outputs(0, 2), Agreement.FLOAT64);
            Agreement.close("state after step", expected.nextStates(), io.finalStates(2), Agreement.FLOAT64);
            states = expected.nextStates();
        }
        kernel.forward(1, 2);
        Agreement.close("a forward run after steps starts from the stepped state",
                Interpreter.step(LEAVES, data.inputs().get(3), states, data.params()).outputs(), io.outputs(0, 2),
                Agreement.FLOAT64);
    }

    @Test
    void aTrainingRunGivesTheSameValuesAndGradientsOnBothBackends() {
        for (Cell cell : List.of(LSTM, LEAVES)) {
            Scenario.Data data = Scenario.of(cell.name(), cell).data(5, 3, 11);
            double[] carry = {1, 0.5, 1, 0, 1};
            Run generated = Run.of(Backend.GENERATED.of(cell), data, carry);
            Run interpreted = Run.of(Backend.INTERPRETED.of(cell), data, carry);
            for (int t = 0; t < carry.length; t++) {
                Agreement.close(cell.name() + " outputs at " + t, interpreted.outputs().get(t),
                        generated.outputs().get(t), Agreement.FLOAT64);
                Agreement.close(cell.name() + " input gradients at " + t, interpreted.inputGradients().get(t),
                        generated.inputGradients().get(t), Agreement.FLOAT64);
            }
            Agreement.close(cell.name() + " final states", interpreted.finalStates(), generated.finalStates(),
                    Agreement.FLOAT64);
            Agreement.close(cell.name() + " parameter gradients", interpreted.parameterGradients(),
                    generated.parameterGradients(), Agreement.FLOAT64);
            Agreement.close(cell.name() + " initial-state gradients", interpreted.initialStateGradients(),
                    generated.initialStateGradients(), Agreement.FLOAT64);
        }
    }

    /** Everything a kernel reports after a forward and a backward run. */
    private record Run(List<Map<String, Mat>> outputs, List<Map<String, Mat>> inputGradients,
                       Map<String, Mat> finalStates, Map<String, Mat> parameterGradients,
                       Map<String, Mat> initialStateGradients) {

        static Run of(Kernel kernel, Scenario.Data data, double[] carry) {
            KernelIo io = new KernelIo(kernel);
            int steps = data.inputs().size();
            int batch = data.inputs().get(0).values().iterator().next().rows();
            io.setParameters(data.params());
            io.setInitialStates(data.states());
            for (int t = 0; t < steps; t++) {
                io.setInputs(t, data.inputs().get(t));
                io.setSeeds(t, Map.of(LossCell.LOSS, Mat.of(1, 1, 1.0 / steps)));
            }
            kernel.forward(steps, batch);
            kernel.backward(carry);
            List<Map<String, Mat>> outputs = new ArrayList<>();
            List<Map<String, Mat>> inputGradients = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                outputs.add(io.outputs(t, batch));
                inputGradients.add(io.inputGradients(t, batch));
            }
            return new Run(outputs, inputGradients, io.finalStates(batch), io.parameterGradients(),
                    io.initialStateGradients(batch));
        }
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(KernelException.class, call).getMessage());
    }
}
