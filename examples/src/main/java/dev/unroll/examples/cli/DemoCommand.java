package dev.unroll.examples.cli;

import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.ParamInit;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.inspect.Listing;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Defines an LSTM in the DSL, prints its IR listing and runs it forward over a small random batch. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Print an LSTM's IR and run it forward on a random batch with the reference interpreter.")
final class DemoCommand implements Callable<Integer> {

    /** The largest input, hidden and batch size of the demo, whose every output is printed. */
    static final int MAX_SIZE = 1024;

    /** The most time steps of the demo. */
    static final int MAX_STEPS = 1000;

    @Option(names = "--input", defaultValue = "4", description = "Input features, 1 to " + MAX_SIZE
            + " (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--hidden", defaultValue = "3", description = "Hidden units, 1 to " + MAX_SIZE
            + " (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--batch", defaultValue = "2", description = "Batch rows, 1 to " + MAX_SIZE
            + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", defaultValue = "5", description = "Time steps, 1 to " + MAX_STEPS
            + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Flags.range("--input", inputSize, 1, MAX_SIZE);
        Flags.range("--hidden", hidden, 1, MAX_SIZE);
        Flags.range("--batch", batch, 1, MAX_SIZE);
        Flags.range("--steps", steps, 1, MAX_STEPS);
        PrintStream out = System.out;
        Cell lstm = Cells.lstm(inputSize, hidden);
        out.println(Listing.of(lstm));
        Random rng = new Random(seed);
        List<Map<String, Mat>> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(Map.of("x", random(batch, inputSize, rng)));
        }
        Map<String, Mat> h0 = Map.of("h", Mat.zeros(batch, hidden), "c", Mat.zeros(batch, hidden));
        Interpreter.Run run = Interpreter.run(lstm, xs, h0, ParamInit.initialize(lstm, seed));
        out.printf("forward pass: B = %d, T = %d, reference interpreter (float64)%n", batch, steps);
        for (int t = 0; t < steps; t++) {
            out.printf("  y[%d] = %s%n", t, run.outputs().get(t).get("y"));
        }
        out.println("  final c = " + run.finalStates().get("c"));
        return 0;
    }

    private static Mat random(int rows, int cols, Random rng) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Mat.of(rows, cols, d);
    }
}
