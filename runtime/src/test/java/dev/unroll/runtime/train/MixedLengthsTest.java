package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.SequenceBatch;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Sampling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batches of mixed lengths on a masked program train and score every example as if it ran alone: each minibatch's
 * loss is the sum of its rows' losses alone, weighted by the row's share (1/B for a last-step head, its length over
 * the batch's valid steps for an every-step head), the metric equals the one-at-a-time metric, and predictions
 * equal predictions one row at a time.
 */
class MixedLengthsTest {

    private static final String CLASSIFY = "ab\tA\nba\tB\naab\tA\nbba\tB\nabb\tA\nbab\tB\na\tA\nb\tB\nabab\tA\n";
    private static final String LABEL = "the cat sat\tD N V\na dog ran\tD N V\nthe dog\tD N\ncat sat\tN V\n"
            + "a cat sat\tD N V\ncat\tN\n";
    private static final String REGRESS = "1,2\t0.3\n2,2\t0.4\n1\t0.1\n3,1,1\t0.5\n0,1\t0.1\n2\t0.2\n";
    private static final String REGRESS_STEPS = "1,2\t0.1 0.3\n2,2\t0.2 0.4\n1\t0.1\n3,1,1\t0.3 0.4 0.5\n2\t0.2\n";

    @Test
    void classify() {
        check(CLASSIFY, Task.CLASSIFY, TokenKind.CHARS);
    }

    @Test
    void label() {
        check(LABEL, Task.LABEL, TokenKind.WORDS);
    }

    @Test
    void regressOnTheLastStep() {
        check(REGRESS, Task.REGRESS, TokenKind.NUMBERS);
    }

    @Test
    void regressOnEveryStep() {
        check(REGRESS_STEPS, Task.REGRESS, TokenKind.NUMBERS);
    }

    private static void check(String text, Task task, TokenKind kind) {
        List<RawExample> raw = LineFormat.parse("t", text, kind, task);
        DataSpec spec = DataSpec.learn(raw, task, kind);
        List<Sequence> sequences = spec.encode(raw);
        Buckets buckets = Buckets.mixed(sequences, spec, 3);
        Program alone = Planner.plan(model(spec).build());
        Program masked = Planner.plan(model(spec).masked().build());
        TrainConfig config = new TrainConfig(buckets.maxLength(), 3, 1, 0.05, TrainConfig.OptimizerKind.SGD, 1.0,
                Truncation.full(), Sampling.RANDOM, Dtype.FLOAT64, 2, 7, 0, Double.POSITIVE_INFINITY);
        ExecutorFactory factory = (p, steps, rows, dtype) -> ProgramExecutor.reference(p, steps, rows);
        try (Trainer trainer = new Trainer(masked, config, factory)) {
            TrainingState state = trainer.initialState();
            TaskBatches training = TaskBatches.training(buckets, spec, 7);
            Steps steps = new Steps(state, training, alone, sequences);
            EpochReport report = trainer.epoch(state, training, TaskBatches.evaluation(buckets, spec), steps);
            assertTrue(steps.padded > 0, "some training batch should mix lengths");
            assertEquals(TaskTrainingTest.oneAtATime(alone, state, spec, sequences), report.validation(), 1e-12);
            assertEquals(predictions(alone, 1, state.params(), spec, sequences),
                    predictions(masked, 3, state.params(), spec, sequences));
        }
    }

    private static Model.Builder model(DataSpec spec) {
        return Model.of(spec.encoding()).layer(Layer.gru(4)).head(spec.head()).loss(spec.loss());
    }

    private static List<String> predictions(Program program, int rows, ParamStore params, DataSpec spec,
                                            List<Sequence> sequences) {
        ProgramExecutor ex = ProgramExecutor.reference(program, 8, rows);
        ex.setParameters(params);
        return new TaskPredictions(ex, spec).predict(sequences);
    }

    /** Checks each training step's loss against its rows' losses alone, at the parameters before the step. */
    private static final class Steps implements Trainer.Progress {
        private final TrainingState state;
        private final TaskBatches training;
        private final ProgramExecutor single;
        private final DataSpec spec;
        private final List<Sequence> sequences;
        private ParamStore before;
        private int padded;

        Steps(TrainingState state, TaskBatches training, Program alone, List<Sequence> sequences) {
            this.state = state;
            this.training = training;
            this.single = ProgramExecutor.reference(alone, 8, 1);
            this.spec = training.spec();
            this.sequences = sequences;
            this.before = state.params().copy();
        }

        @Override
        public void update(int done, int total) {
        }

        @Override
        public void step(int epoch, int minibatch, double loss, double gradientNorm, boolean clipped) {
            SequenceBatch b = training.loaded();
            padded += b.full() ? 0 : 1;
            single.setParameters(before);
            long valid = 0;
            for (int length : b.lengths()) {
                valid += length;
            }
            double expected = 0;
            for (int r = 0; r < b.batch(); r++) {
                double share = spec.perStep() ? (double) b.lengths()[r] / valid : 1.0 / b.batch();
                expected += share * lossAlone(b.rows()[r]);
            }
            assertEquals(expected, loss, 1e-12, "minibatch " + minibatch);
            before = state.params().copy();
        }

        private double lossAlone(int row) {
            SequenceBatch b = new Buckets(List.of(sequences.get(row)), spec, 1).inOrder().get(0);
            return single.forward(b.x(), b.y(), Map.of(), 1);
        }
    }
}
