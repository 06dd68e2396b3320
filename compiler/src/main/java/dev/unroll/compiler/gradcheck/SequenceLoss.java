package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The sequence loss {@code (1/T) Σ_t loss_t} of a loss cell as a plain function of the {@link
 * SequenceData#variables}, with truncation expressed as a function: the state entering step {@code t} is
 * {@code base_t + carry[t]·(s − base_t)}, where {@code base_t} is its value at the base point. Its value there is
 * the ordinary loss and its gradient is exactly what BPTT with those carry factors computes, so finite
 * differences of this function check truncated gradients too.
 */
final class SequenceLoss implements ToDoubleFunction<Map<String, Mat>> {

    private final Cell lossCell;
    private final SequenceData base;
    private final double[] carry;
    private final List<Map<String, Mat>> baseStates;

    SequenceLoss(Cell lossCell, SequenceData base, double[] carry) {
        lossCell.output(LossCell.LOSS);
        if (carry.length != base.steps()) {
            throw new UnrollException("a sequence of " + base.steps() + " steps needs " + base.steps()
                    + " carry factors, got " + carry.length);
        }
        this.lossCell = lossCell;
        this.base = base.requireFits(lossCell);
        this.carry = carry.clone();
        this.baseStates = statesEnteringEachStep(lossCell, base);
    }

    @Override
    public double applyAsDouble(Map<String, Mat> variables) {
        SequenceData d = base.with(variables);
        Map<String, Mat> states = d.initialStates();
        double total = 0;
        for (int t = 0; t < d.steps(); t++) {
            Interpreter.Step s = Interpreter.step(lossCell, d.inputs().get(t), blend(states, t), d.params(),
                    d.noise(), t);
            total += s.outputs().get(LossCell.LOSS).get(0, 0);
            states = s.nextStates();
        }
        return total / d.steps();
    }

    private Map<String, Mat> blend(Map<String, Mat> states, int t) {
        if (carry[t] == 1.0) {
            return states;
        }
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Map.Entry<String, Mat> e : states.entrySet()) {
            Mat b = baseStates.get(t).get(e.getKey());
            out.put(e.getKey(), carry[t] == 0.0 ? b : b.plus(e.getValue().plus(b.times(-1)).times(carry[t])));
        }
        return out;
    }

    /** The states entering each step at the base point. */
    private static List<Map<String, Mat>> statesEnteringEachStep(Cell cell, SequenceData d) {
        List<Map<String, Mat>> out = new ArrayList<>(d.steps());
        Map<String, Mat> states = d.initialStates();
        for (int t = 0; t < d.steps(); t++) {
            out.add(states);
            states = Interpreter.step(cell, d.inputs().get(t), states, d.params(), d.noise(), t).nextStates();
        }
        return out;
    }
}
