package dev.unroll.runtime.optim;

import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with bias correction exactly as PyTorch's {@code torch.optim.Adam} with default options (no
 * weight decay, no AMSGrad), in PyTorch's order of operations: at step t,
 * {@code m ← lerp(m, g, 1 − β1)}, {@code v ← β2·v + (1 − β2)·g²},
 * {@code p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)}.
 *
 * <p>The moments are kept in double precision for both dtypes. Exported state: {@code "step"} (one element, the
 * step count) and, per parameter in first-seen order, {@code "m.<name>"} and {@code "v.<name>"}.
 */
public final class Adam implements Optimizer {

    /** The key of the step count in the exported state. */
    public static final String STEP = "step";

    private static final DerivedNames.Section FIRST = DerivedNames.Section.FIRST_MOMENT;
    private static final DerivedNames.Section SECOND = DerivedNames.Section.SECOND_MOMENT;

    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, double[][]> moments = new LinkedHashMap<>();
    private long step;
    private List<String> checkedNames;

    /** Adam with PyTorch's defaults β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public Adam(double lr) {
        this(lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with the given hyperparameters, validated: lr > 0, β in [0, 1), ε > 0, all finite. */
    public Adam(double lr, double beta1, double beta2, double eps) {
        this.lr = Hyper.learningRate("Adam", lr);
        this.beta1 = Hyper.beta("Adam", "beta1", beta1);
        this.beta2 = Hyper.beta("Adam", "beta2", beta2);
        this.eps = Hyper.epsilon("Adam", eps);
    }

    @Override
    public void step(List<String> names, double[][] params, double[][] grads) {
        begin(names, params.length, grads.length);
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        for (int i = 0; i < params.length; i++) {
            double[] p = params[i];
            double[] g = grads[i];
            double[][] mv = moments(names.get(i), p.length, g.length);
            double[] m = mv[0];
            double[] v = mv[1];
            for (int j = 0; j < p.length; j++) {
                m[j] = lerp(m[j], g[j]);
                v[j] = v[j] * beta2 + (1 - beta2) * g[j] * g[j];
                p[j] = p[j] + (-stepSize) * m[j] / (Math.sqrt(v[j]) / correction2 + eps);
            }
        }
    }

    @Override
    public void step(List<String> names, float[][] params, float[][] grads) {
        begin(names, params.length, grads.length);
        double stepSize = lr / (1 - Math.pow(beta1, step));
        double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
        for (int i = 0; i < params.length; i++) {
            float[] p = params[i];
            float[] g = grads[i];
            double[][] mv = moments(names.get(i), p.length, g.length);
            double[] m = mv[0];
            double[] v = mv[1];
            for (int j = 0; j < p.length; j++) {
                double gj = g[j];
                m[j] = lerp(m[j], gj);
                v[j] = v[j] * beta2 + (1 - beta2) * gj * gj;
                p[j] = (float) (p[j] + (-stepSize) * m[j] / (Math.sqrt(v[j]) / correction2 + eps));
            }
        }
    }

    /** The number of steps taken (restored with the state). */
    public long steps() {
        return step;
    }

    @Override
    public Map<String, double[]> exportState() {
        Map<String, double[]> state = new LinkedHashMap<>();
        state.put(STEP, new double[] {step});
        for (Map.Entry<String, double[][]> e : moments.entrySet()) {
            state.put(FIRST.key(e.getKey()), e.getValue()[0].clone());
            state.put(SECOND.key(e.getKey()), e.getValue()[1].clone());
        }
        return state;
    }

    @Override
    public Adam withLearningRate(double newLr) {
        Adam copy = new Adam(newLr, beta1, beta2, eps);
        copy.restoreState(exportState());
        return copy;
    }

    @Override
    public void restoreState(Map<String, double[]> state) {
        long restoredStep = restoredStep(state);
        Map<String, double[][]> restored = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals(STEP) || SECOND.name(key).isPresent()) {
                continue;
            }
            String name = FIRST.name(key).orElseThrow(() -> badState("unknown key '" + key + "'"));
            double[] v = state.get(SECOND.key(name));
            if (v == null || v.length != e.getValue().length) {
                throw badState("'" + key + "' needs a '" + SECOND.key(name) + "' of the same length ("
                        + e.getValue().length + "), got " + (v == null ? "none" : v.length + " elements"));
            }
            restored.put(name, new double[][] {e.getValue().clone(), v.clone()});
        }
        if (state.size() != 1 + 2 * restored.size()) {
            throw badState("every '" + SECOND.key("<name>") + "' needs a matching '" + FIRST.key("<name>") + "'; keys "
                    + state.keySet());
        }
        moments.clear();
        moments.putAll(restored);
        step = restoredStep;
    }

    private static long restoredStep(Map<String, double[]> state) {
        double[] count = state.get(STEP);
        if (count == null || count.length != 1 || !(count[0] >= 0) || count[0] != Math.rint(count[0])
                || count[0] > 0x1p53) {
            throw badState("'" + STEP + "' must be one whole number >= 0, got "
                    + (count == null ? "none" : Arrays.toString(count)));
        }
        return (long) count[0];
    }

    private static UnrollException badState(String problem) {
        return new UnrollException("Adam.restoreState: the state must be one exported by Adam.exportState, but "
                + problem + "; was the checkpoint written with another --optimizer?");
    }

    private void begin(List<String> names, int params, int grads) {
        Hyper.checkArity("Adam", names, params, grads);
        // An indexed comparison allocates nothing (List.equals makes iterators), so only a changed name list pays
        // for the distinctness check.
        if (!Hyper.sameNames(names, checkedNames)) {
            Hyper.checkDistinct("Adam", names);
            checkedNames = List.copyOf(names);
        }
        step++;
    }

    private double[][] moments(String name, int paramLength, int gradLength) {
        Hyper.checkLength("Adam", name, paramLength, gradLength);
        double[][] mv = moments.get(name);
        if (mv == null) {
            mv = new double[][] {new double[paramLength], new double[paramLength]};
            moments.put(name, mv);
        } else if (mv[0].length != paramLength) {
            throw new UnrollException("Adam.step: parameter '" + name + "' had " + mv[0].length
                    + " elements in earlier steps (or the restored state) but has " + paramLength
                    + " now; keep each parameter's name and shape across steps");
        }
        return mv;
    }

    /** PyTorch's {@code lerp(m, g, w)} with {@code w = 1 − β1}, including its two branches around w = 0.5. */
    private double lerp(double m, double g) {
        double w = 1 - beta1;
        return w < 0.5 ? m + w * (g - m) : g - (g - m) * (1 - w);
    }

    @Override
    public String toString() {
        return "Adam(lr=" + lr + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ")";
    }
}
