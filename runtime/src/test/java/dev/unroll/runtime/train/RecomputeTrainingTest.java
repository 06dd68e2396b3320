package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training that recomputes segments instead of keeping every step's tape follows the same trajectory: the same step
 * losses, validation perplexities and final parameters to rounding, on generated code in float64, on one thread and
 * on two, under full and randomized truncation, with executors compiled for the segment's steps only.
 */
class RecomputeTrainingTest {

    private static final int STEPS = 12;

    private final TextData data = TextData.prepare(BuiltinCorpus.journal(BuiltinCorpus.DEFAULT_SEED, 1_500),
            Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.2);

    /** A run's step losses, validation perplexities, final parameters and the most steps an executor held. */
    private record Run(List<Double> losses, List<Double> validation, ParamStore params, int capacity) {
    }

    private Program program() {
        int vocab = data.vocab().size();
        return Planner.plan(Model.of(Encoding.oneHot(vocab)).layer(Layer.lstm(6)).layer(Layer.gru(5))
                .head(Head.everyStep(vocab)).build());
    }

    private Run train(int threads, Truncation truncation, int recompute) {
        TrainConfig config = new TrainConfig(STEPS, 6, 2, 0.5, TrainConfig.OptimizerKind.SGD, 1.0, truncation,
                Sampling.SEQUENTIAL, Dtype.FLOAT64, threads, 7, 0.1, Double.POSITIVE_INFINITY);
        int[] capacity = new int[1];
        ExecutorFactory factory = (p, steps, rows, dtype) -> {
            capacity[0] = Math.max(capacity[0], steps);
            return CompiledProgram.compile(p, Options.float64().maxSteps(steps).maxBatch(rows)).newExecutor();
        };
        List<Double> losses = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        try (Trainer trainer = new Trainer(program(), config, factory, recompute)) {
            TrainingState state = trainer.initialState();
            Minibatches train = data.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
            Minibatches valid = data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL,
                    config.seed());
            while (state.epochsDone() < config.epochs()) {
                validation.add(trainer.epoch(state, train, valid, new StepLosses(losses)).validation());
            }
            return new Run(losses, validation, state.params().copy(), capacity[0]);
        }
    }

    @Test
    void recomputedSegmentsTrainLikeTheFullTape() {
        for (int threads : new int[] {1, 2}) {
            for (Truncation truncation : List.of(Truncation.full(), Truncation.randomized(0.3))) {
                Run full = train(threads, truncation, 0);
                Run segmented = train(threads, truncation, 5);
                String where = threads + " thread(s), " + truncation;
                assertEquals(STEPS, full.capacity(), where);
                assertEquals(5, segmented.capacity(), where + ": executors hold one segment");
                assertClose(full.losses(), segmented.losses(), where + ", step losses");
                assertClose(full.validation(), segmented.validation(), where + ", validation");
                for (int i = 0; i < full.params().size(); i++) {
                    double[] a = full.params().values(i);
                    double[] b = segmented.params().values(i);
                    for (int j = 0; j < a.length; j++) {
                        assertEquals(a[j], b[j], 1e-9 * Math.max(1, Math.abs(a[j])),
                                where + ", " + full.params().names().get(i) + "[" + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void maskedModelsAreRefused() {
        int vocab = data.vocab().size();
        Program masked = Planner.plan(Model.of(Encoding.oneHot(vocab)).layer(Layer.rnn(3))
                .head(Head.everyStep(vocab)).masked().build());
        TrainConfig config = new TrainConfig(STEPS, 2, 1, 0.5, TrainConfig.OptimizerKind.SGD, 1.0, Truncation.full(),
                Sampling.SEQUENTIAL, Dtype.FLOAT64, 1, 7, 0.1, Double.POSITIVE_INFINITY);
        UnrollException e = assertThrows(UnrollException.class, () -> new Trainer(masked, config,
                (p, steps, rows, dtype) -> ProgramExecutor.reference(p, steps, rows), 4));
        assertTrue(e.getMessage().contains("needs continuous text"), e.getMessage());
    }

    private static void assertClose(List<Double> expected, List<Double> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-10 * Math.abs(expected.get(i)), what + " " + i);
        }
    }
}
