package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of one sequence run: every step's inputs (including loss targets), the initial states, the parameters, by
 * name, and the randomness of dropout and zoneout (a fixed key fixes the masks). Its {@link #variables} are what a
 * gradient check differentiates.
 *
 * <p>Variables are named as in {@code Unroller.unroll}: parameters and initial states by their own names, step
 * {@code t}'s input {@code x} as {@code x__t<t>}; loss targets ({@code target__*}) are data, never variables.
 */
public record SequenceData(List<Map<String, Mat>> inputs, Map<String, Mat> initialStates, Map<String, Mat> params,
                           Noise noise) {

    public SequenceData {
        Require.notNull(inputs, "new SequenceData", "inputs");
        Require.notNull(noise, "new SequenceData", "noise");
        Require.notNull(initialStates, "new SequenceData", "initialStates");
        Require.notNull(params, "new SequenceData", "params");
        if (inputs.isEmpty()) {
            throw new UnrollException("a sequence needs at least 1 step, got 0");
        }
        List<Map<String, Mat>> copy = new ArrayList<>(inputs.size());
        for (Map<String, Mat> step : inputs) {
            copy.add(ordered(step));
        }
        inputs = Collections.unmodifiableList(copy);
        initialStates = ordered(initialStates);
        params = ordered(params);
    }

    /** The data of a run in evaluation mode. */
    public SequenceData(List<Map<String, Mat>> inputs, Map<String, Mat> initialStates, Map<String, Mat> params) {
        this(inputs, initialStates, params, Noise.EVALUATION);
    }

    /** This data run with randomness {@code newNoise}. */
    public SequenceData with(Noise newNoise) {
        return new SequenceData(inputs, initialStates, params, newNoise);
    }

    /** The number of time steps. */
    public int steps() {
        return inputs.size();
    }

    /** The name of step {@code t}'s input {@code input} as a variable, {@code input__t<t>}. */
    public static String inputVariable(String input, int t) {
        return DerivedNames.atStep(input, t);
    }

    /** Whether an input is a loss target (data, never differentiated). */
    public static boolean isTarget(String input) {
        Require.notNull(input, "SequenceData.isTarget", "input");
        return DerivedNames.isTarget(input);
    }

    /** The differentiable values in a fixed order: parameters, initial states, then each step's non-target inputs. */
    public Map<String, Mat> variables() {
        Map<String, Mat> out = new LinkedHashMap<>(params);
        out.putAll(initialStates);
        for (int t = 0; t < inputs.size(); t++) {
            for (Map.Entry<String, Mat> e : inputs.get(t).entrySet()) {
                if (!isTarget(e.getKey())) {
                    out.put(inputVariable(e.getKey(), t), e.getValue());
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** This data with the variables present in {@code values} replaced; absent ones keep their value. */
    public SequenceData with(Map<String, Mat> values) {
        Map<String, Mat> newParams = replaced(params, values);
        Map<String, Mat> newStates = replaced(initialStates, values);
        List<Map<String, Mat>> newInputs = new ArrayList<>(inputs.size());
        for (int t = 0; t < inputs.size(); t++) {
            Map<String, Mat> step = new LinkedHashMap<>();
            for (Map.Entry<String, Mat> e : inputs.get(t).entrySet()) {
                Mat v = isTarget(e.getKey()) ? null : values.get(inputVariable(e.getKey(), t));
                step.put(e.getKey(), v != null ? v : e.getValue());
            }
            newInputs.add(step);
        }
        return new SequenceData(newInputs, newStates, newParams, noise);
    }

    /** Checks that the data binds every input, state and parameter of {@code cell}. */
    public SequenceData requireFits(Cell cell) {
        for (Cell.Param p : cell.params()) {
            require(params, p.name(), "parameter", cell);
        }
        for (Cell.State s : cell.states()) {
            require(initialStates, s.name(), "initial state", cell);
        }
        for (int t = 0; t < inputs.size(); t++) {
            for (Cell.Port in : cell.inputs()) {
                require(inputs.get(t), in.name(), "input at step " + t + ",", cell);
            }
        }
        return this;
    }

    private static void require(Map<String, Mat> m, String name, String kind, Cell cell) {
        if (!m.containsKey(name)) {
            throw new UnrollException("the data has no " + kind + " '" + name + "' of cell '" + cell.name()
                    + "'; it binds " + m.keySet());
        }
    }

    private static Map<String, Mat> replaced(Map<String, Mat> base, Map<String, Mat> values) {
        Map<String, Mat> out = new LinkedHashMap<>();
        base.forEach((k, v) -> out.put(k, values.getOrDefault(k, v)));
        return out;
    }

    private static Map<String, Mat> ordered(Map<String, Mat> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
