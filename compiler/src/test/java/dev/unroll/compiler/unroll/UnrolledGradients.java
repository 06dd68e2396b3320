package dev.unroll.compiler.unroll;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oracle side of the rolled-versus-unrolled properties: one step of {@code Autodiff.adjoint(Unroller.unroll(cell,
 * T, detachBefore))}, seeded on every per-step output, with its results named as {@link Bptt.Gradients}.
 */
final class UnrolledGradients {

    private UnrolledGradients() {
    }

    static Bptt.Gradients of(Cell cell, Set<Integer> detachBefore, List<Map<String, Mat>> inputs,
                             Map<String, Mat> initialStates, Map<String, Mat> params,
                             List<Map<String, Mat>> outputSeeds, Noise noise) {
        int steps = inputs.size();
        Adjoint adjoint = Autodiff.adjoint(Unroller.unroll(cell, steps, detachBefore));
        Map<String, Mat> in = new LinkedHashMap<>(initialStates); // the forward states are inputs of the adjoint
        Map<String, Mat> finalAdjoints = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            Mat h0 = initialStates.get(s.name());
            finalAdjoints.put(DerivedNames.adjoint(s.name()), Mat.zeros(h0.rows(), h0.cols()));
        }
        for (int t = 0; t < steps; t++) {
            for (Map.Entry<String, Mat> x : inputs.get(t).entrySet()) {
                in.put(perStep(x.getKey(), t), x.getValue());
            }
            for (Map.Entry<String, Mat> seed : outputSeeds.get(t).entrySet()) {
                in.put(DerivedNames.adjoint(perStep(seed.getKey(), t)), seed.getValue());
            }
        }
        // Every random op of the unrolled graph has its step fixed, so the step given here is never read.
        Interpreter.Step step = Interpreter.step(adjoint.cell(), in, finalAdjoints, params, noise, 0);
        Map<String, Mat> paramGrads = new LinkedHashMap<>();
        for (Cell.Param p : cell.params()) {
            Mat g = step.outputs().get(DerivedNames.gradient(p.name()));
            paramGrads.put(p.name(), g != null ? g : Mat.zeros(p.shape().rows(), p.shape().cols()));
        }
        Map<String, Mat> stateGrads = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            stateGrads.put(s.name(), step.nextStates().get(DerivedNames.adjoint(s.name())));
        }
        List<Map<String, Mat>> inputGrads = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            Map<String, Mat> g = new LinkedHashMap<>();
            for (String x : inputs.get(t).keySet()) {
                Mat d = step.outputs().get(DerivedNames.adjoint(perStep(x, t)));
                if (d != null) {
                    g.put(x, d);
                }
            }
            inputGrads.add(g);
        }
        return new Bptt.Gradients(paramGrads, stateGrads, inputGrads);
    }

    /** Step {@code t}'s copy of a port in the unrolled cell, {@code name__t<t>}. */
    static String perStep(String name, int t) {
        return DerivedNames.atStep(name, t);
    }
}
