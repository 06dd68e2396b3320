package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.runtime.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run carries from epoch to epoch: the parameters, the optimizer (with its state), the number of
 * completed epochs and the history of each epoch's figures (perplexities for a language model; for other tasks the
 * mean training loss and the validation metric). Minibatches and truncation draws are seeded by epoch and batch
 * index, so this is all a checkpoint needs to resume exactly.
 */
public final class TrainingState {

    private final ParamStore params;
    private Optimizer optimizer;
    private final List<Double> trainPerplexity = new ArrayList<>();
    private final List<Double> validationPerplexity = new ArrayList<>();
    private int epochsDone;

    /** A state at epoch {@code epochsDone} with these parameters (copied) and optimizer. */
    public TrainingState(ParamStore params, Optimizer optimizer, int epochsDone) {
        this.params = params.copy();
        this.optimizer = optimizer;
        this.epochsDone = epochsDone;
    }

    /** The parameters (live arrays, updated in place by training). */
    public ParamStore params() {
        return params;
    }

    /** The optimizer. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Sets the learning rate for the epochs to come, keeping the optimizer's state (a schedule's step). */
    public void useLearningRate(double lr) {
        optimizer = optimizer.withLearningRate(lr);
    }

    /** The number of completed epochs. */
    public int epochsDone() {
        return epochsDone;
    }

    /** Training perplexity (other tasks: mean training loss) after each completed epoch. */
    public List<Double> trainPerplexity() {
        return trainPerplexity;
    }

    /** Validation perplexity (other tasks: the validation metric) after each completed epoch (empty without one). */
    public List<Double> validationPerplexity() {
        return validationPerplexity;
    }

    void finishEpoch(double train, double validation) {
        epochsDone++;
        trainPerplexity.add(train);
        if (!Double.isNaN(validation)) {
            validationPerplexity.add(validation);
        }
    }

    /** Restores the perplexity history of a resumed run. */
    public void restoreHistory(List<Double> train, List<Double> validation) {
        trainPerplexity.clear();
        trainPerplexity.addAll(train);
        validationPerplexity.clear();
        validationPerplexity.addAll(validation);
    }
}
