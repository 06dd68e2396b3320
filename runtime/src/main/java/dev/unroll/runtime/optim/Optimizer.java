package dev.unroll.runtime.optim;

import dev.unroll.compiler.model.ParamStore;
import java.util.List;
import java.util.Map;

/**
 * Updates a model's parameters in place from their gradients, one step per call, over a named parameter list:
 * {@code params[i]} and {@code grads[i]} are the flat arrays of the parameter called {@code names.get(i)}.
 *
 * <p>One call is one optimization step for the whole model: pass every parameter in the same call (Adam's bias
 * correction counts calls). Steady-state steps allocate nothing (state is allocated the first time a name is
 * seen). The names identify state across steps, so each parameter must keep its name and length. The state can be
 * exported for a checkpoint and restored into a fresh optimizer with the same hyperparameters, after which it
 * continues exactly as the original would.
 */
public interface Optimizer {

    /**
     * One step over a model's parameter store with the gradients in a store of the same layout; the references'
     * text names the state.
     */
    default void step(ParamStore params, ParamStore grads) {
        params.requireSameLayout(grads, "Optimizer.step");
        step(params.names(), params.arrays(), grads.arrays());
    }

    /** One step over double-precision parameters. */
    void step(List<String> names, double[][] params, double[][] grads);

    /** One step over single-precision parameters (the update is computed in double and rounded once). */
    void step(List<String> names, float[][] params, float[][] grads);

    /** The state as named double arrays (copies), in a stable order; empty for a stateless optimizer. */
    Map<String, double[]> exportState();

    /** Replaces the state with one from {@link #exportState()}, validating names and lengths. */
    void restoreState(Map<String, double[]> state);

    /** A new optimizer of this kind with learning rate {@code lr} and a copy of this one's state (for schedules). */
    Optimizer withLearningRate(double lr);
}
