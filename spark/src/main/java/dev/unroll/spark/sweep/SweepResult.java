package dev.unroll.spark.sweep;

import dev.unroll.dsl.core.UnrollException;
import java.io.Serializable;
import java.util.List;

/**
 * What one run of a sweep achieved.
 *
 * @param config the configuration
 * @param status {@code ok}, or why the run stopped early (e.g. it diverged); such a run ranks last
 * @param trainPerplexity the training perplexity of every epoch completed
 * @param validationPerplexity the validation perplexity of every epoch completed
 * @param seconds the run's wall time, compiling and evaluating included
 * @param tokensPerSecond training tokens per second of training time
 * @param checkpoint where the task saved the model (empty when no epoch completed)
 */
public record SweepResult(SweepConfig config, String status, List<Double> trainPerplexity,
                          List<Double> validationPerplexity, double seconds, double tokensPerSecond,
                          String checkpoint) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The status of a run that trained every epoch. */
    public static final String OK = "ok";

    public SweepResult {
        if (config == null || status == null || checkpoint == null) {
            throw new UnrollException("a sweep result needs a configuration, a status and a checkpoint path (empty"
                    + " for none)");
        }
        trainPerplexity = List.copyOf(trainPerplexity);
        validationPerplexity = List.copyOf(validationPerplexity);
        if (trainPerplexity.size() != validationPerplexity.size()) {
            throw new UnrollException("a sweep result needs one validation perplexity per epoch, but configuration "
                    + config.id() + " has " + trainPerplexity.size() + " training and " + validationPerplexity.size()
                    + " validation figures");
        }
    }

    /**
     * The validation perplexity after the last epoch, by which runs are ranked; infinite for a run that did not
     * complete, so that it ranks last.
     */
    public double finalValidationPerplexity() {
        boolean complete = OK.equals(status) && !validationPerplexity.isEmpty();
        return complete ? validationPerplexity.get(validationPerplexity.size() - 1) : Double.POSITIVE_INFINITY;
    }
}
