package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Sampling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping's patience and best parameters, and a scheduled, early-stopped run resumed midway. */
class EarlyStoppingTest {

    private static final Program PROGRAM = Planner.plan(Model.of(dev.unroll.compiler.model.Encoding.oneHot(3))
            .layer(Layer.rnn(2)).head(dev.unroll.compiler.model.Head.lastStep(2)).build());

    @Test
    void stopsPatienceEpochsAfterTheBestAndKeepsItsParameters() {
        EarlyStopping stopping = new EarlyStopping(Metric.ACCURACY, 3);
        double[] accuracy = {0.5, 0.6, 0.55, 0.6, 0.59};
        double[] stored = null;
        for (int e = 1; e <= accuracy.length; e++) {
            ParamStore params = ParamStore.initialize(PROGRAM, e);
            stored = e == 2 ? params.values(0).clone() : stored;
            stopping.record(e, accuracy[e - 1], params);
            assertEquals(e == 5, stopping.stop(e), "after epoch " + e);
        }
        assertEquals(2, stopping.bestEpoch()); // a tie (epoch 4) is no improvement
        assertArrayEquals(stored, stopping.bestParams().values(0));
    }

    @Test
    void lowerIsBetterForErrors() {
        EarlyStopping stopping = new EarlyStopping(Metric.MSE, 1);
        stopping.record(1, 0.3, ParamStore.initialize(PROGRAM, 1));
        stopping.record(2, 0.2, ParamStore.initialize(PROGRAM, 2));
        assertFalse(stopping.stop(2));
        stopping.record(3, 0.25, ParamStore.initialize(PROGRAM, 3));
        assertTrue(stopping.stop(3));
        assertEquals(0.2, stopping.best());
    }

    @Test
    void aResumedRunContinuesTheScheduleAndTheStoppingExactly() {
        List<RawExample> raw = LineFormat.parse("t", "ab\tA\nba\tB\naab\tA\nbba\tB\nabb\tA\nbab\tB\n",
                TokenKind.CHARS, Task.CLASSIFY);
        DataSpec spec = DataSpec.learn(raw, Task.CLASSIFY, TokenKind.CHARS);
        Buckets buckets = new Buckets(spec.encode(raw), spec, 2);
        TrainConfig config = new TrainConfig(3, 2, 6, 0.1, TrainConfig.OptimizerKind.ADAM, 1.0, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT64, 1, 5, 0, Double.POSITIVE_INFINITY);
        ExecutorFactory factory = (p, steps, rows, dtype) -> ProgramExecutor.reference(p, steps, rows);
        Program program = Planner.plan(Model.of(spec.encoding()).layer(Layer.gru(3)).head(spec.head()).build());
        try (Trainer trainer = new Trainer(program, config, factory)) {
            TaskBatches train = TaskBatches.training(buckets, spec, 5);
            TaskBatches valid = TaskBatches.evaluation(buckets, spec);
            EarlyStopping straightStop = new EarlyStopping(Metric.ACCURACY, 10);
            TrainingRun straight = new TrainingRun(trainer, config, LrSchedule.parse("cosine"), straightStop);
            TrainingState a = trainer.initialState();
            while (!straight.done(a)) {
                straight.next(a, train, valid, (d, t) -> { });
            }
            EarlyStopping firstStop = new EarlyStopping(Metric.ACCURACY, 10);
            TrainingRun first = new TrainingRun(trainer, config, LrSchedule.parse("cosine"), firstStop);
            TrainingState b = trainer.initialState();
            for (int e = 0; e < 3; e++) {
                first.next(b, train, valid, (d, t) -> { });
            }
            // What a checkpoint keeps: parameters, optimizer state, epochs, early-stopping state.
            TrainingState resumed = new TrainingState(b.params(), Trainer.newOptimizer(config), b.epochsDone());
            resumed.optimizer().restoreState(b.optimizer().exportState());
            EarlyStopping secondStop = new EarlyStopping(Metric.ACCURACY, 10);
            secondStop.restore(firstStop.best(), firstStop.bestEpoch(), firstStop.bestParams());
            TrainingRun second = new TrainingRun(trainer, config, LrSchedule.parse("cosine"), secondStop);
            while (!second.done(resumed)) {
                second.next(resumed, train, valid, (d, t) -> { });
            }
            for (int i = 0; i < a.params().size(); i++) {
                assertArrayEquals(a.params().values(i), resumed.params().values(i));
            }
            assertEquals(straightStop.bestEpoch(), secondStop.bestEpoch());
        }
    }
}
