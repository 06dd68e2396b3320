package dev.unroll.runtime;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cell with a loss and the random data to run it on: inputs listed in {@code classInputs} hold integer class
 * indices below their class count, every other value is Gaussian.
 */
record Scenario(String label, Cell cell, Map<String, Integer> classInputs) {

    Scenario {
        classInputs = Map.copyOf(classInputs);
    }

    /** A scenario whose inputs are all Gaussian. */
    static Scenario of(String label, Cell cell) {
        return new Scenario(label, cell, Map.of());
    }

    /** Random data for {@code steps} steps of {@code batch} rows, drawn from {@code seed}. */
    Data data(int steps, int batch, long seed) {
        Random rng = new Random(seed);
        List<Map<String, Mat>> inputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Map<String, Mat> step = new LinkedHashMap<>();
            for (Cell.Port in : cell.inputs()) {
                Integer classes = classInputs.get(in.name());
                step.put(in.name(), classes == null ? gaussian(batch, in.shape().cols(), rng)
                        : classes(batch, classes, rng));
            }
            inputs.add(step);
        }
        Map<String, Mat> states = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            states.put(s.name(), gaussian(batch, s.shape().cols(), rng));
        }
        Map<String, Mat> params = new LinkedHashMap<>();
        for (Cell.Param p : cell.params()) {
            params.put(p.name(), gaussian(p.shape().rows(), p.shape().cols(), rng).times(0.5));
        }
        return new Data(inputs, states, params);
    }

    @Override
    public String toString() {
        return label;
    }

    /** The inputs of every step, the initial states and the parameters of one run. */
    record Data(List<Map<String, Mat>> inputs, Map<String, Mat> states, Map<String, Mat> params) {
    }

    static Mat gaussian(int rows, int cols, Random rng) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Mat.of(rows, cols, d);
    }

    private static Mat classes(int rows, int classes, Random rng) {
        double[] d = new double[rows];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextInt(classes);
        }
        return Mat.of(rows, 1, d);
    }
}
