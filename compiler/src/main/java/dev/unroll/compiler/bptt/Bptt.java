package dev.unroll.compiler.bptt;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backpropagation through time on the reference interpreter: runs the forward cell over the sequence, then the
 * adjoint cell from step T−1 down to 0, multiplying the carried state adjoint by the truncation's carry factors.
 * It is the oracle the generated code is checked against.
 */
public final class Bptt {

    /** Gradients of the parameters (summed over time), of the initial states and of every step's inputs. */
    public record Gradients(Map<String, Mat> params, Map<String, Mat> initialStates, List<Map<String, Mat>> inputs) {
        public Gradients {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            initialStates = Collections.unmodifiableMap(new LinkedHashMap<>(initialStates));
            inputs = inputs.stream().map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m))).toList();
        }
    }

    /** The forward run and the gradients. */
    public record Result(Interpreter.Run forward, Gradients gradients) {
    }

    /** A sequence loss {@code L = (1/T) Σ_t loss_t} and its BPTT result. */
    public record LossResult(double loss, Result result) {
    }

    private Bptt() {
    }

    /**
     * The sequence loss of a cell made by {@code LossCell.attach} and its gradients: {@code adjoint} must be seeded
     * on the {@code loss} output alone, which receives {@code 1/T} at every step.
     */
    public static LossResult loss(Adjoint adjoint, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                                  Map<String, Mat> params, double[] carry) {
        return loss(adjoint, inputs, initialStates, params, carry, Noise.EVALUATION);
    }

    /** As {@link #loss(Adjoint, List, Map, Map, double[])}, with randomness {@code noise}. */
    public static LossResult loss(Adjoint adjoint, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                                  Map<String, Mat> params, double[] carry, Noise noise) {
        Require.notNull(adjoint, "Bptt.loss", "adjoint");
        requireSteps("Bptt.loss", inputs);
        if (!adjoint.seededOutputs().equals(List.of(LossCell.LOSS))) {
            throw new UnrollException("BPTT of a loss needs the adjoint seeded on '" + LossCell.LOSS + "' alone, got "
                    + adjoint.seededOutputs() + "; use Autodiff.adjoint(cell, List.of(LossCell.LOSS))");
        }
        int steps = inputs.size();
        Mat seed = Mat.of(1, 1, 1.0 / steps);
        List<Map<String, Mat>> seeds = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            seeds.add(Map.of(LossCell.LOSS, seed));
        }
        Result r = run(adjoint, inputs, initialStates, params, seeds, Map.of(), carry, noise);
        double total = 0;
        for (Map<String, Mat> out : r.forward().outputs()) {
            total += out.get(LossCell.LOSS).get(0, 0);
        }
        return new LossResult(total / steps, r);
    }

    /**
     * Full computation: forward over {@code inputs}, then backward with {@code outputSeeds.get(t)} as the
     * adjoints of the seeded outputs at step {@code t} and {@code carry} as the truncation schedule.
     */
    public static Result run(Adjoint adjoint, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                             Map<String, Mat> params, List<Map<String, Mat>> outputSeeds, double[] carry) {
        return run(adjoint, inputs, initialStates, params, outputSeeds, Map.of(), carry);
    }

    /**
     * As {@link #run(Adjoint, List, Map, Map, List, double[])}, with {@code finalStateSeeds} (by forward state name)
     * as the adjoints of the final states: they enter step T−1 unscaled by the carry factors, and a state without
     * one gets zeros. The objective is then {@code Σ_t <outputSeed_t, y_t> + Σ_s <finalStateSeed_s, finalState_s>}.
     */
    public static Result run(Adjoint adjoint, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                             Map<String, Mat> params, List<Map<String, Mat>> outputSeeds,
                             Map<String, Mat> finalStateSeeds, double[] carry) {
        return run(adjoint, inputs, initialStates, params, outputSeeds, finalStateSeeds, carry, Noise.EVALUATION);
    }

    /**
     * As {@link #run(Adjoint, List, Map, Map, List, Map, double[])}, with randomness {@code noise}: step t of the
     * backward pass draws the masks of forward step t.
     */
    public static Result run(Adjoint adjoint, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                             Map<String, Mat> params, List<Map<String, Mat>> outputSeeds,
                             Map<String, Mat> finalStateSeeds, double[] carry, Noise noise) {
        Require.notNull(adjoint, "Bptt.run", "adjoint");
        Require.notNull(noise, "Bptt.run", "noise");
        requireSteps("Bptt.run", inputs);
        Require.notNull(initialStates, "Bptt.run", "initialStates");
        Require.notNull(params, "Bptt.run", "params");
        Require.noNulls(outputSeeds, "Bptt.run", "outputSeeds");
        Require.notNull(finalStateSeeds, "Bptt.run", "finalStateSeeds");
        Require.notNull(carry, "Bptt.run", "carry");
        Cell cell = adjoint.forward();
        int steps = inputs.size();
        if (outputSeeds.size() != steps || carry.length != steps) {
            throw new UnrollException("BPTT over " + steps + " steps needs " + steps + " output seeds and carry"
                    + " factors, got " + outputSeeds.size() + " and " + carry.length);
        }
        List<Map<String, Mat>> stateHistory = new ArrayList<>(steps);
        List<Map<String, Mat>> outputs = new ArrayList<>(steps);
        Map<String, Mat> states = new LinkedHashMap<>(initialStates);
        for (int t = 0; t < steps; t++) {
            stateHistory.add(states);
            Interpreter.Step s = Interpreter.step(cell, inputs.get(t), states, params, noise, t);
            outputs.add(s.outputs());
            states = new LinkedHashMap<>(s.nextStates());
        }
        Interpreter.Run forward = new Interpreter.Run(outputs, states);
        Map<String, Mat> carried = finalAdjoints(adjoint, states, finalStateSeeds);
        Steps history = new Steps(inputs, stateHistory, outputSeeds);
        return new Result(forward, backward(adjoint, history, params, carried, carry, noise));
    }

    /** The per-step inputs of a run: present, without null steps, and at least one step. */
    private static void requireSteps(String call, List<Map<String, Mat>> inputs) {
        Require.noNulls(inputs, call, "inputs");
        if (inputs.isEmpty()) {
            throw new UnrollException(call + ": a sequence needs at least 1 step, got 0; pass the inputs of every"
                    + " step (an empty map for a cell without inputs)");
        }
    }

    /**
     * The state adjoints entering the last step, by adjoint state name: each final state's seed, or zeros shaped like
     * the final state; a seed must name a state and have the final state's shape.
     */
    private static Map<String, Mat> finalAdjoints(Adjoint adjoint, Map<String, Mat> finalStates,
                                                  Map<String, Mat> seeds) {
        Cell cell = adjoint.forward();
        for (String name : seeds.keySet()) {
            if (cell.states().stream().noneMatch(s -> s.name().equals(name))) {
                throw new UnrollException("BPTT: a final-state seed is given for '" + name + "', which is not a state"
                        + " of cell '" + cell.name() + "'; its states are "
                        + cell.states().stream().map(Cell.State::name).toList());
            }
        }
        Map<String, Mat> carried = new LinkedHashMap<>();
        for (int k = 0; k < cell.states().size(); k++) {
            String name = cell.states().get(k).name();
            Mat last = finalStates.get(name);
            Mat seed = seeds.getOrDefault(name, Mat.zeros(last.rows(), last.cols()));
            if (seed.rows() != last.rows() || seed.cols() != last.cols()) {
                throw new UnrollException("BPTT: the final-state seed of '" + name + "' must have the final state's"
                        + " shape " + last.rows() + "×" + last.cols() + ", got " + seed.rows() + "×" + seed.cols());
            }
            carried.put(adjoint.stateAdjoint(k).name(), seed);
        }
        return carried;
    }

    /** What the backward pass reads of every step: its inputs, the states entering it and its output seeds. */
    private record Steps(List<Map<String, Mat>> inputs, List<Map<String, Mat>> stateHistory,
                         List<Map<String, Mat>> outputSeeds) {
    }

    private static Gradients backward(Adjoint adjoint, Steps history, Map<String, Mat> params,
                                      Map<String, Mat> finalAdjoints, double[] carry, Noise noise) {
        Cell cell = adjoint.forward();
        List<Map<String, Mat>> inputs = history.inputs();
        int steps = inputs.size();
        Map<String, Mat> carried = finalAdjoints;
        Map<String, Mat> paramGrads = new LinkedHashMap<>();
        List<Map<String, Mat>> inputGrads = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            inputGrads.add(Map.of());
        }
        for (int t = steps - 1; t >= 0; t--) {
            Map<String, Mat> in = new LinkedHashMap<>(inputs.get(t));
            in.putAll(history.stateHistory().get(t));
            for (int k = 0; k < adjoint.seededOutputs().size(); k++) {
                String o = adjoint.seededOutputs().get(k);
                in.put(adjoint.seedInput(k).name(), seed(history.outputSeeds().get(t), o));
            }
            Interpreter.Step s = Interpreter.step(adjoint.cell(), in, carried, params, noise, t);
            inputGrads.set(t, stepGradients(adjoint, s, paramGrads, t));
            carried = new LinkedHashMap<>();
            for (int k = 0; k < cell.states().size(); k++) {
                String name = adjoint.stateAdjoint(k).name();
                Mat next = s.nextStates().get(name);
                requireFinite(cell.states().get(k).name(), next, t);
                carried.put(name, next.times(carry[t]));
            }
        }
        return new Gradients(withZeros(cell, paramGrads), byForwardState(adjoint, carried), inputGrads);
    }

    /** Adds step t's parameter gradients to {@code paramGrads} and returns its input gradients by input name. */
    private static Map<String, Mat> stepGradients(Adjoint adjoint, Interpreter.Step s, Map<String, Mat> paramGrads,
                                                  int t) {
        Cell cell = adjoint.forward();
        for (int p = 0; p < cell.params().size(); p++) {
            String name = cell.params().get(p).name();
            adjoint.parameterGradient(p).ifPresent(port -> {
                Mat g = s.outputs().get(port.name());
                requireFinite(name, g, t);
                paramGrads.merge(name, g, Mat::plus);
            });
        }
        Map<String, Mat> stepInputGrads = new LinkedHashMap<>();
        for (int i = 0; i < cell.inputs().size(); i++) {
            String name = cell.inputs().get(i).name();
            adjoint.inputGradient(i).ifPresent(port -> {
                Mat g = s.outputs().get(port.name());
                requireFinite(name, g, t);
                stepInputGrads.put(name, g);
            });
        }
        return stepInputGrads;
    }

    /** Every parameter's gradient; a parameter that received none gets zeros (absent in the graph). */
    private static Map<String, Mat> withZeros(Cell cell, Map<String, Mat> grads) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Cell.Param p : cell.params()) {
            out.put(p.name(), grads.getOrDefault(p.name(), Mat.zeros(p.shape().rows(), p.shape().cols())));
        }
        return out;
    }

    /** The carried adjoints, keyed by the forward state they belong to. */
    private static Map<String, Mat> byForwardState(Adjoint adjoint, Map<String, Mat> carried) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (int k = 0; k < adjoint.forward().states().size(); k++) {
            out.put(adjoint.forward().states().get(k).name(), carried.get(adjoint.stateAdjoint(k).name()));
        }
        return out;
    }

    private static Mat seed(Map<String, Mat> seeds, String output) {
        Mat m = seeds.get(output);
        if (m == null) {
            throw new UnrollException("BPTT: no adjoint seed given for output '" + output + "'; seeded outputs need"
                    + " one at every step");
        }
        return m;
    }

    private static void requireFinite(String name, Mat m, int step) {
        if (!m.isFinite()) {
            for (double v : m.data()) {
                if (!Double.isFinite(v)) {
                    throw new NonFiniteGradientException(name, step, v);
                }
            }
        }
    }
}
