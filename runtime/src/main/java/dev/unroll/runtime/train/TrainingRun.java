package dev.unroll.runtime.train;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.text.Minibatches;

/**
 * The epochs of a run around a {@link Trainer}: each epoch's learning rate from a {@link LrSchedule}, and, with an
 * {@link EarlyStopping}, the end once validation stops improving, with the best epoch's parameters restored. What
 * happens next depends only on the epochs done and the early-stopping state, so a run resumed from a checkpoint of
 * both continues exactly.
 */
public final class TrainingRun {

    private final Trainer trainer;
    private final TrainConfig config;
    private final LrSchedule schedule;
    private final EarlyStopping stopping;

    /** A run of {@code config.epochs()} epochs; {@code stopping} may be {@code null} (train every epoch). */
    public TrainingRun(Trainer trainer, TrainConfig config, LrSchedule schedule, EarlyStopping stopping) {
        this.trainer = Require.notNull(trainer, "new TrainingRun", "trainer");
        this.config = Require.notNull(config, "new TrainingRun", "config");
        this.schedule = Require.notNull(schedule, "new TrainingRun", "schedule");
        this.stopping = stopping;
    }

    /** Whether the run is over: every epoch trained, or early stopping ran out of patience. */
    public boolean done(TrainingState state) {
        return state.epochsDone() >= config.epochs() || stopping != null && stopping.stop(state.epochsDone());
    }

    /** Trains the next epoch at its scheduled rate and records its validation metric for early stopping. */
    public EpochReport next(TrainingState state, Batches training, Batches validation, Trainer.Progress progress) {
        prepare(state, validation != null);
        return record(trainer.epoch(state, training, validation, progress), state);
    }

    /** {@link #next(TrainingState, Batches, Batches, Trainer.Progress)} for a language model's minibatches. */
    public EpochReport next(TrainingState state, Minibatches training, Minibatches validation,
                            Trainer.Progress progress) {
        prepare(state, validation != null);
        return record(trainer.epoch(state, training, validation, progress), state);
    }

    private void prepare(TrainingState state, boolean validated) {
        if (stopping != null && !validated) {
            throw new UnrollException("early stopping watches the validation metric, but there is no validation"
                    + " data; give --validation FRACTION > 0 or --validation-data FILE");
        }
        // A constant schedule leaves the optimizer as it is, so a run without a schedule is exactly as before.
        if (!(schedule instanceof LrSchedule.Constant)) {
            state.useLearningRate(rate(state.epochsDone()));
        }
    }

    private EpochReport record(EpochReport report, TrainingState state) {
        if (stopping != null) {
            stopping.record(report.epoch(), report.validation(), state.params());
        }
        return report;
    }

    /** The learning rate of epoch {@code epoch} (from 0). */
    public double rate(int epoch) {
        return schedule.rate(config.learningRate(), epoch, config.epochs());
    }

    /** After early stopping, puts the best epoch's parameters into {@code state}; otherwise does nothing. */
    public void restoreBest(TrainingState state) {
        if (stopping != null && stopping.bestParams() != null) {
            state.params().copyFrom(stopping.bestParams());
        }
    }
}
