package dev.unroll.compiler.bptt;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Names;
import dev.unroll.dsl.Require;
import dev.unroll.dsl.UnrollException;
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
        Result r = run(adjoint, inputs, initialStates, params, seeds, carry);
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
        Require.notNull(adjoint, "Bptt.run", "adjoint");
        requireSteps("Bptt.run", inputs);
        Require.notNull(initialStates, "Bptt.run", "initialStates");
        Require.notNull(params, "Bptt.run", "params");
        Require.noNulls(outputSeeds, "Bptt.run", "outputSeeds");
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
        for (Map<String, Mat> x : inputs) {
            stateHistory.add(states);
            Interpreter.Step s = Interpreter.step(cell, x, states, params);
            outputs.add(s.outputs());
            states = new LinkedHashMap<>(s.nextStates());
        }
        Interpreter.Run forward = new Interpreter.Run(outputs, states);
        return new Result(forward, backward(adjoint, inputs, stateHistory, params, outputSeeds, carry));
    }

    /** The per-step inputs of a run: present, without null steps, and at least one step. */
    private static void requireSteps(String call, List<Map<String, Mat>> inputs) {
        Require.noNulls(inputs, call, "inputs");
        if (inputs.isEmpty()) {
            throw new UnrollException(call + ": a sequence needs at least 1 step, got 0; pass the inputs of every"
                    + " step (an empty map for a cell without inputs)");
        }
    }

    private static Gradients backward(Adjoint adjoint, List<Map<String, Mat>> inputs,
                                      List<Map<String, Mat>> stateHistory, Map<String, Mat> params,
                                      List<Map<String, Mat>> outputSeeds, double[] carry) {
        Cell cell = adjoint.forward();
        int steps = inputs.size();
        Map<String, Mat> carried = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            int batch = stateHistory.get(0).get(s.name()).rows();
            carried.put(Names.derived(Adjoint.ADJOINT, s.name()), Mat.zeros(batch, s.shape().cols()));
        }
        Map<String, Mat> paramGrads = new LinkedHashMap<>();
        List<Map<String, Mat>> inputGrads = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            inputGrads.add(Map.of());
        }
        for (int t = steps - 1; t >= 0; t--) {
            Map<String, Mat> in = new LinkedHashMap<>(inputs.get(t));
            in.putAll(stateHistory.get(t));
            for (String o : adjoint.seededOutputs()) {
                in.put(Names.derived(Adjoint.ADJOINT, o), seed(outputSeeds.get(t), o));
            }
            Interpreter.Step s = Interpreter.step(adjoint.cell(), in, carried, params);
            Map<String, Mat> stepInputGrads = new LinkedHashMap<>();
            for (Map.Entry<String, Mat> e : s.outputs().entrySet()) {
                requireFinite(e.getKey(), e.getValue(), t);
                String name = Names.base(e.getKey());
                if (e.getKey().startsWith(Names.derived(Adjoint.GRADIENT, ""))) {
                    paramGrads.merge(name, e.getValue(), Mat::plus);
                } else {
                    stepInputGrads.put(name, e.getValue());
                }
            }
            inputGrads.set(t, stepInputGrads);
            carried = new LinkedHashMap<>();
            for (Map.Entry<String, Mat> e : s.nextStates().entrySet()) {
                requireFinite(e.getKey(), e.getValue(), t);
                carried.put(e.getKey(), e.getValue().times(carry[t]));
            }
        }
        return new Gradients(withZeros(cell, paramGrads), stripPrefix(carried), inputGrads);
    }

    /** Every parameter's gradient; a parameter that received none gets zeros (absent in the graph). */
    private static Map<String, Mat> withZeros(Cell cell, Map<String, Mat> grads) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Cell.Param p : cell.params()) {
            out.put(p.name(), grads.getOrDefault(p.name(), Mat.zeros(p.shape().rows(), p.shape().cols())));
        }
        return out;
    }

    private static Map<String, Mat> stripPrefix(Map<String, Mat> adjoints) {
        Map<String, Mat> out = new LinkedHashMap<>();
        adjoints.forEach((k, v) -> out.put(Names.base(k), v));
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
                    throw new NonFiniteGradientException(Names.base(name), step, v);
                }
            }
        }
    }
}
