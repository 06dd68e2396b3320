package dev.unroll.spark.parallel;

import java.io.Serializable;
import java.util.List;

/**
 * What one data-parallel worker sends back to the driver: its exchange's figures and time, and, from worker 0, the
 * final parameters and each epoch's perplexities (every worker holds the same; one copy crosses the network).
 *
 * @param worker the worker's partition
 * @param params the final parameters, one array per learned array in program order (empty except from worker 0)
 * @param train the training perplexity after each epoch
 * @param validation the validation perplexity after each epoch (empty without a validation split)
 * @param steps the training steps taken
 * @param rounds the rounds of exchange
 * @param bytesSent the payload this worker sent, 8 bytes per value
 * @param largestMessage the payload of its largest message: a step's loss and gradients (or the parameters)
 * @param gatherSeconds the time spent in {@code allGather}
 * @param seconds the time spent training (the epochs' training steps, without evaluation)
 * @param tokens the tokens of the global minibatches trained
 */
public record ProcessReport(int worker, List<double[]> params, List<Double> train, List<Double> validation,
                            long steps, long rounds, long bytesSent, long largestMessage, double gatherSeconds,
                            double seconds, long tokens)
        implements Serializable {
}
