package dev.unroll.runtime;

import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import dev.unroll.kernels.Kernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One run of a cell whose adjoint is seeded on its outputs and on its final states: the objective
 * {@code J = Σ_t <outputSeed_t, y_t> + Σ_s <finalSeed_s, finalState_s>}, computed by the interpreter, and the
 * gradients a kernel's backward pass gives for it, both keyed by variable (parameters by name, initial states as
 * {@code "h (initial)"}, inputs as {@code "x at step t"}). Inputs named in {@code fixed} are data, not variables.
 */
record FinalSeedRun(Cell cell, Scenario.Data data, List<Map<String, Mat>> outputSeeds, Map<String, Mat> finalSeeds,
                    Set<String> fixed) {

    /** Random seeds for every output of {@code cell} at every step and for every final state, drawn from {@code seed}. */
    static FinalSeedRun of(Cell cell, Scenario.Data data, long seed, Set<String> fixed) {
        Random rng = new Random(seed);
        int batch = data.states().values().iterator().next().rows();
        List<Map<String, Mat>> outputSeeds = new ArrayList<>();
        for (int t = 0; t < data.inputs().size(); t++) {
            Map<String, Mat> step = new LinkedHashMap<>();
            cell.outputs().forEach(o -> step.put(o.name(), Scenario.gaussian(o.shape().batched() ? batch
                    : o.shape().rows(), o.shape().cols(), rng)));
            outputSeeds.add(step);
        }
        Map<String, Mat> finalSeeds = new LinkedHashMap<>();
        cell.states().forEach(s -> finalSeeds.put(s.name(), Scenario.gaussian(batch, s.shape().cols(), rng)));
        return new FinalSeedRun(cell, data, outputSeeds, finalSeeds, fixed);
    }

    /** The same run with every output seed zero, so that only the final-state seeds drive the gradients. */
    FinalSeedRun withoutOutputSeeds() {
        List<Map<String, Mat>> zeros = new ArrayList<>();
        for (Map<String, Mat> step : outputSeeds) {
            Map<String, Mat> z = new LinkedHashMap<>();
            step.forEach((name, m) -> z.put(name, Mat.zeros(m.rows(), m.cols())));
            zeros.add(z);
        }
        return new FinalSeedRun(cell, data, zeros, finalSeeds, fixed);
    }

    int steps() {
        return data.inputs().size();
    }

    int batch() {
        return data.states().values().iterator().next().rows();
    }

    /** Every variable of the objective at the run's data. */
    Map<String, Mat> variables() {
        Map<String, Mat> vars = new LinkedHashMap<>(data.params());
        data.states().forEach((name, m) -> vars.put(initial(name), m));
        for (int t = 0; t < steps(); t++) {
            int step = t;
            data.inputs().get(t).forEach((name, m) -> {
                if (!fixed.contains(name)) {
                    vars.put(input(name, step), m);
                }
            });
        }
        return vars;
    }

    /** The objective J at {@code vars} (variables missing from it keep the run's data), by the interpreter. */
    double objective(Map<String, Mat> vars) {
        Map<String, Mat> params = new LinkedHashMap<>();
        data.params().forEach((name, m) -> params.put(name, vars.getOrDefault(name, m)));
        Map<String, Mat> initial = new LinkedHashMap<>();
        data.states().forEach((name, m) -> initial.put(name, vars.getOrDefault(initial(name), m)));
        Map<String, Mat> states = initial;
        double j = 0;
        for (int t = 0; t < steps(); t++) {
            Map<String, Mat> in = new LinkedHashMap<>();
            int step = t;
            data.inputs().get(t).forEach((name, m) -> in.put(name, vars.getOrDefault(input(name, step), m)));
            Interpreter.Step s = Interpreter.step(cell, in, states, params);
            j += dot(outputSeeds.get(t), s.outputs());
            states = s.nextStates();
        }
        return j + dot(finalSeeds, states);
    }

    /**
     * Sets everything on {@code kernel}, with the final-state seeds the run has (states without one keep what the
     * kernel has), and returns the gradients of a forward and backward run with {@code carry}.
     */
    Map<String, Mat> gradients(Kernel kernel, double[] carry) {
        KernelIo io = new KernelIo(kernel);
        io.setParameters(data.params());
        io.setInitialStates(data.states());
        for (int t = 0; t < steps(); t++) {
            io.setInputs(t, data.inputs().get(t));
            io.setSeeds(t, outputSeeds.get(t));
        }
        for (int s = 0; s < kernel.spec().states().size(); s++) {
            Mat seed = finalSeeds.get(kernel.spec().states().get(s).name());
            if (seed != null) {
                kernel.setFinalStateSeed(s, seed.data());
            }
        }
        kernel.forward(steps(), batch());
        kernel.backward(carry);
        return gradientsOf(io);
    }

    /** The gradients of the last backward pass of the kernel behind {@code io}, keyed as {@link #variables}. */
    Map<String, Mat> gradientsOf(KernelIo io) {
        Map<String, Mat> out = new LinkedHashMap<>(io.parameterGradients());
        io.initialStateGradients(batch()).forEach((name, m) -> out.put(initial(name), m));
        for (int t = 0; t < steps(); t++) {
            int step = t;
            io.inputGradients(t, batch()).forEach((name, m) -> {
                if (!fixed.contains(name)) {
                    out.put(input(name, step), m);
                }
            });
        }
        return out;
    }

    static String initial(String state) {
        return state + " (initial)";
    }

    static String input(String name, int step) {
        return name + " at step " + step;
    }

    private static double dot(Map<String, Mat> seeds, Map<String, Mat> values) {
        double sum = 0;
        for (Map.Entry<String, Mat> e : seeds.entrySet()) {
            double[] a = e.getValue().data();
            double[] b = values.get(e.getKey()).data();
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
        }
        return sum;
    }
}
