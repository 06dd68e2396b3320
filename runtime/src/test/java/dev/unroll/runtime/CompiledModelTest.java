package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.inspect.Listing;
import dev.unroll.kernels.KernelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** A compiled model: its sources on disk, single-step inference, and the errors of its options. */
class CompiledModelTest {

    private static final Cell LSTM = LossCell.attach(Cells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR);

    static CompiledModel lstm() {
        return Unroll.compile(LSTM, Options.float64().maxSteps(Agreement.MAX_STEPS).maxBatch(Agreement.MAX_BATCH));
    }

    @Test
    void writeSourcesWritesTheJavaFileAndBothListingsBesideIt(@TempDir Path dir) throws IOException {
        CompiledModel model = lstm();
        List<Path> written = model.writeSources(dir);
        Path pkg = dir.resolve("dev/unroll/generated");
        assertEquals(List.of(pkg.resolve("LstmFloat64Kernel.java"), pkg.resolve("LstmFloat64Kernel.ir.txt"),
                pkg.resolve("LstmFloat64Kernel.adjoint.ir.txt"), pkg.resolve("LstmFloat64Kernel.optimized.txt")),
                written);
        assertEquals(model.source(), Files.readString(written.get(0), StandardCharsets.UTF_8));
        assertEquals(Listing.of(LSTM, true), Files.readString(written.get(1), StandardCharsets.UTF_8));
        assertEquals(Listing.of(model.adjoint().cell(), true),
                Files.readString(written.get(2), StandardCharsets.UTF_8));
        assertEquals(model.program().toString(), Files.readString(written.get(3), StandardCharsets.UTF_8));
        model.writeSources(dir);
        try (Stream<Path> files = Files.list(pkg)) {
            assertEquals(4, files.count(), "rewriting replaces the files and leaves no temporary file behind");
        }
    }

    @Test
    void stepWalksASequenceAsTheInterpreterDoes() {
        Cell leaves = LossCell.attach(CustomCells.leaves(2, 3), "y", Loss.MEAN_SQUARED_ERROR);
        for (Cell cell : List.of(LSTM, leaves)) {
            CompiledModel model = Unroll.compile(cell, Options.float64().maxSteps(2).maxBatch(3));
            Scenario.Data data = Scenario.of(cell.name(), cell).data(5, 3, 99);
            Map<String, Mat> expectedStates = data.states();
            Map<String, Mat> actualStates = data.states();
            for (Map<String, Mat> x : data.inputs()) {
                Interpreter.Step expected = Interpreter.step(cell, x, expectedStates, data.params());
                Interpreter.Step actual = model.step(x, actualStates, data.params());
                Agreement.close(cell.name() + " outputs", expected.outputs(), actual.outputs(), Agreement.FLOAT64);
                Agreement.close(cell.name() + " next states", expected.nextStates(), actual.nextStates(),
                        Agreement.FLOAT64);
                expectedStates = expected.nextStates();
                actualStates = actual.nextStates();
            }
        }
    }

    @Test
    void float32KernelsRoundAtTheBoundary() {
        CompiledModel model = Unroll.compile(LSTM, Options.float32().maxSteps(2).maxBatch(2));
        double[] w = {0.1, 1.0 / 3, 1e-30, 123456.789, -2, 3, 4, 5, 6, 7, 8, 9};
        model.kernel().setParameter(model.kernel().spec().param("W_xi"), w);
        double[] back = new double[w.length];
        model.kernel().getParameter(model.kernel().spec().param("W_xi"), back);
        for (int i = 0; i < w.length; i++) {
            assertEquals((double) (float) w[i], back[i]);
        }
    }

    @Test
    void aCellWithoutALossCannotBeTrainedAndSaysHowToAttachOne() {
        assertMessage("cell 'rnn' has no output 'loss' to train on; attach one with LossCell.attach(cell, output,"
                + " Loss...), or compile an adjoint seeded on the outputs you need with"
                + " compile(Autodiff.adjoint(cell, outputs), options)", () -> Unroll.compile(Cells.rnn(2, 2),
                Options.float64()));
    }

    @Test
    void anAdjointSeededOnAnyOutputCompilesAndRuns() {
        Cell rnn = Cells.rnn(2, 3);
        CompiledModel model = Unroll.compile(Autodiff.adjoint(rnn), Options.float64().maxSteps(3).maxBatch(2));
        Scenario.Data data = Scenario.of("rnn", rnn).data(3, 2, 1);
        Random rng = new Random(3);
        List<Map<String, Mat>> seeds = data.inputs().stream()
                .map(x -> Map.of("y", Scenario.gaussian(2, 3, rng))).toList();
        double[] carry = model.carry(3, 0);
        var expected = Bptt.run(model.adjoint(), data.inputs(), data.states(), data.params(),
                seeds, carry);
        var actual = model.run(data.inputs(), data.states(), data.params(), seeds, carry);
        Agreement.close("parameter gradients", expected.gradients().params(), actual.gradients().params(),
                Agreement.FLOAT64);
        Agreement.close("initial-state gradients", expected.gradients().initialStates(),
                actual.gradients().initialStates(), Agreement.FLOAT64);
        assertMessage("loss needs a model compiled from a cell with a loss (seeded on 'loss' alone), got seeds [y];"
                + " use run(...) instead", () -> model.loss(data.inputs(), data.states(), data.params(), carry));
    }

    @Test
    void optionsAreCheckedWhenMade() {
        assertMessage("class name: \"Rnn Kernel\" is not a plain Java identifier (an ASCII letter followed by up to"
                + " 63 ASCII letters, digits or underscores, not a keyword)", () -> Options.float64().className(
                "Rnn Kernel"));
        assertMessage("maxSteps must be at least 1, got 0", () -> Options.float64().maxSteps(0));
        assertMessage("package name \"dev..x\": \"\" is not a plain Java identifier (an ASCII letter followed by up to"
                + " 63 ASCII letters, digits or underscores, not a keyword)", () -> Options.float64().packageName(
                "dev..x"));
    }

    /** Kernels throw {@link KernelException} (the kernels module depends on nothing of ours); the rest Unroll's. */
    private static void assertMessage(String expected, Executable call) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e instanceof KernelException || e instanceof UnrollException, e.getClass().getName());
        assertEquals(expected, e.getMessage());
    }
}
