package dev.unroll.spark.sweep;

import java.io.Serializable;

/**
 * What one Spark task of a sweep does with its configuration: train, evaluate and save the model. Spark ships it to
 * the executors, hence serializable; a task that throws is retried by Spark, so an implementation must write only
 * the checkpoint it is given, and atomically.
 */
@FunctionalInterface
public interface TrainFunction extends Serializable {

    /**
     * Trains {@code config} on {@code corpus}, saving the model to {@code checkpoint} (a file path that belongs to
     * this configuration alone), and reports the run.
     */
    SweepResult train(SweepConfig config, SweepCorpus corpus, String checkpoint);
}
