package dev.unroll.runtime.optim;

import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Map;

/** Plain stochastic gradient descent, {@code p ← p − lr · g}; stateless. */
public record SGD(double lr) implements Optimizer {

    public SGD {
        Hyper.learningRate("SGD", lr);
    }

    @Override
    public void step(List<String> names, double[][] params, double[][] grads) {
        Hyper.checkArity("SGD", names, params.length, grads.length);
        for (int i = 0; i < params.length; i++) {
            double[] p = params[i];
            double[] g = grads[i];
            Hyper.checkLength("SGD", names.get(i), p.length, g.length);
            for (int j = 0; j < p.length; j++) {
                p[j] -= lr * g[j];
            }
        }
    }

    @Override
    public void step(List<String> names, float[][] params, float[][] grads) {
        Hyper.checkArity("SGD", names, params.length, grads.length);
        for (int i = 0; i < params.length; i++) {
            float[] p = params[i];
            float[] g = grads[i];
            Hyper.checkLength("SGD", names.get(i), p.length, g.length);
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) (p[j] - lr * g[j]);
            }
        }
    }

    @Override
    public SGD withLearningRate(double newLr) {
        return new SGD(newLr);
    }

    @Override
    public Map<String, double[]> exportState() {
        return Map.of();
    }

    @Override
    public void restoreState(Map<String, double[]> state) {
        if (!state.isEmpty()) {
            throw new UnrollException("SGD.restoreState: SGD has no state, but got " + state.keySet()
                    + "; the state was probably saved by another optimizer (e.g. Adam): use the same --optimizer");
        }
    }
}
