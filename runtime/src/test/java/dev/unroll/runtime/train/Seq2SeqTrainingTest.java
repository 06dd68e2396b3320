package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoder;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seq2seq through the trainer: padded teacher-forcing batches give the loss of their pairs run one at a time, two
 * workers give one worker's loss and gradients, the validation metric is the share of exact greedy decodings, and
 * training lowers the loss.
 */
class Seq2SeqTrainingTest {

    private static final String PAIRS = "ab\txyz\nba\tzy\nabba\tx\nb\tyyx\naab\tzz\nbab\tyx\na\tz\nbbbab\txzy\n"
            + "ba\txx\n";

    private final List<RawExample> raw = LineFormat.parse("p.tsv", PAIRS, TokenKind.CHARS, Task.SEQ2SEQ);
    private final DataSpec spec = DataSpec.learn(raw, Task.SEQ2SEQ, TokenKind.CHARS);
    private final List<Sequence> pairs = spec.encode(raw);
    private final Buckets buckets = new Buckets(pairs, spec, 5);
    // A bidirectional first encoder layer hands both directions' states, side by side, to a decoder layer twice as
    // wide.
    private final Program program = Planner.plan(Model.of(spec.targetEncoding())
            .encoder(Encoder.of(spec.encoding(), Layer.gru(3).bidirectional(), Layer.gru(3)))
            .layer(Layer.gru(6))
            .layer(Layer.gru(3))
            .head(spec.head())
            .build());
    private final ParamStore params = ParamStore.initialize(program, 11);

    @Test
    void aPaddedBatchHasTheLossOfItsPairsAlone() {
        ProgramExecutor alone = executor(1);
        try (Workers workers = workers(1, 5)) {
            for (SequenceBatch b : buckets.inOrder()) {
                double loss = workers.run(loaded(b), null);
                double sum = 0;
                long steps = 0;
                for (int r = 0; r < b.batch(); r++) {
                    SequenceBatch one = single(b.rows()[r]);
                    sum += one.lengths()[0] * alone.forward(one.source(), one.sourceLengths(), one.x(), one.y(),
                            Map.of(), 1, one.lengths());
                    steps += one.lengths()[0];
                }
                assertEquals(sum / steps, loss, 1e-12);
            }
        }
    }

    @Test
    void twoWorkersGiveOneWorkersLossAndGradients() {
        try (Workers one = workers(1, 5); Workers two = workers(2, 3)) {
            TaskBatches batches = TaskBatches.training(buckets, spec, 3);
            int count = batches.plan(0);
            for (int i = 0; i < count; i++) {
                batches.load(i);
                double[] carry = Truncation.full().carry(batches.steps(), 5, new double[batches.steps()]);
                double lossOne = one.run(batches, carry);
                List<double[]> gradientsOne = copy(one.gradients());
                assertEquals(lossOne, two.run(batches, carry), 1e-12);
                List<double[]> gradientsTwo = copy(two.gradients());
                for (int p = 0; p < gradientsOne.size(); p++) {
                    for (int k = 0; k < gradientsOne.get(p).length; k++) {
                        assertEquals(gradientsOne.get(p)[k], gradientsTwo.get(p)[k], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void trainingLowersTheLossAndTheMetricIsTheShareOfExactGreedyDecodings() {
        TrainConfig config = config(2, 0.05, 20);
        try (Trainer trainer = new Trainer(program, config, (p, steps, rows, dtype) ->
                ProgramExecutor.reference(p, steps, rows))) {
            TrainingState state = trainer.initialState();
            TaskBatches training = TaskBatches.training(buckets, spec, 1);
            List<EpochReport> reports = new ArrayList<>();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                reports.add(trainer.epoch(state, training, TaskBatches.evaluation(buckets, spec),
                        (done, total) -> { }));
            }
            double first = reports.get(0).train();
            double last = reports.get(reports.size() - 1).train();
            assertTrue(last < 0.6 * first, "teacher-forced loss " + first + " -> " + last);
            ProgramExecutor alone = executor(1);
            alone.setParameters(state.params());
            int right = 0;
            for (int row = 0; row < pairs.size(); row++) {
                SequenceBatch one = single(row);
                int[] decoded = alone.greedy(one.source(), one.sourceLengths(), 1, DataSpec.BEGIN_INDEX,
                        DataSpec.END_INDEX, one.steps())[0];
                right += Arrays.equals(decoded, Arrays.stream(pairs.get(row).y()).mapToInt(v -> (int) v).toArray())
                        ? 1 : 0;
            }
            assertEquals((double) right / pairs.size(), reports.get(reports.size() - 1).validation());
            assertTrue(right > 0, "training should decode some pairs right");
        }
    }

    private TrainConfig config(int threads, double lr, int epochs) {
        return new TrainConfig(buckets.maxLength(), 5, epochs, lr, TrainConfig.OptimizerKind.ADAM, 5,
                Truncation.full(), Sampling.RANDOM, Dtype.FLOAT64, threads, 7, 0, Double.POSITIVE_INFINITY);
    }

    private ProgramExecutor executor(int rows) {
        ProgramExecutor ex = ProgramExecutor.reference(program, buckets.maxLength(), rows);
        ex.setParameters(params);
        return ex;
    }

    private Workers workers(int threads, int rows) {
        List<ProgramExecutor> executors = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            executors.add(executor(rows));
        }
        Workers w = new Workers(executors);
        w.setParameters(params);
        return w;
    }

    /** Pair {@code row} alone, as a batch of one row: its shorter side padded to the longer. */
    private SequenceBatch single(int row) {
        return new Buckets(List.of(pairs.get(row)), spec, 1).inOrder().get(0);
    }

    private Batches loaded(SequenceBatch b) {
        TaskBatches one = TaskBatches.evaluation(new Buckets(rowsOf(b), spec, b.batch()), spec);
        one.plan(0);
        one.load(0);
        return one;
    }

    private List<Sequence> rowsOf(SequenceBatch b) {
        List<Sequence> out = new ArrayList<>();
        for (int row : b.rows()) {
            out.add(pairs.get(row));
        }
        return out;
    }

    private static List<double[]> copy(ParamStore store) {
        List<double[]> out = new ArrayList<>();
        for (double[] a : store.arrays()) {
            out.add(a.clone());
        }
        return out;
    }
}
