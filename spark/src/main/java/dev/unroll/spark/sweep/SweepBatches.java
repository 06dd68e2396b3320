package dev.unroll.spark.sweep;

import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.train.TrainConfig;

/**
 * The minibatches of a sweep's run: training as configured, validation sequential; the driver makes them too, to
 * refuse a configuration the text is too short for before any task starts.
 */
record SweepBatches(Minibatches training, Minibatches validation) {

    static SweepBatches of(TrainConfig settings, TextData data) {
        return new SweepBatches(
                data.trainBatches(settings.batch(), settings.steps(), settings.sampling(), settings.seed()),
                data.validationBatches(settings.batch(), settings.steps(), Sampling.SEQUENTIAL, settings.seed()));
    }
}
