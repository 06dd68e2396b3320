package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.Regularization;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training with dropout, variational dropout and zoneout draws its masks from (seed, epoch, minibatch) alone: the
 * same seed gives the same masks, hence the same step losses, on one thread and on two (which split each minibatch's
 * rows), and a run resumed after an epoch in a new trainer repeats the straight run bit for bit. Evaluation is
 * deterministic, and with dropout alone it is the model without dropout.
 */
class DropoutRepeatabilityTest {

    private static final int EPOCHS = 2;
    private static final Regularization ALL = new Regularization(0.3, 0.2, 0.1);

    private final TextData data = TextData.prepare(BuiltinCorpus.journal(BuiltinCorpus.DEFAULT_SEED, 1_500),
            Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.2);

    /** A run's step losses, its final parameters and optimizer state, and its validation perplexities. */
    private record Run(List<Double> losses, ParamStore params, Map<String, double[]> optimizer,
                       List<Double> validation) {
    }

    private Program program(Regularization regularization) {
        int vocab = data.vocab().size();
        return Planner.plan(Model.of(Encoding.oneHot(vocab)).layers(2, Layer.lstm(6)).head(Head.everyStep(vocab))
                .regularization(regularization).build());
    }

    private static TrainConfig config(int threads) {
        return new TrainConfig(5, 6, EPOCHS, 0.01, TrainConfig.OptimizerKind.ADAM, 1.0, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT64, threads, 42, 0.1, Double.POSITIVE_INFINITY);
    }

    /** Trains {@code program} on {@code threads} threads until {@code epochs}, from {@code from} if given. */
    private Run train(Program program, int threads, Run from, int epochs) {
        TrainConfig config = config(threads);
        ExecutorFactory factory = (p, steps, rows, dtype) -> CompiledProgram.compile(p,
                Options.float64().maxSteps(steps).maxBatch(rows)).newExecutor();
        List<Double> losses = new ArrayList<>(from == null ? List.of() : from.losses());
        List<Double> validation = new ArrayList<>(from == null ? List.of() : from.validation());
        try (Trainer trainer = new Trainer(program, config, factory)) {
            TrainingState state = trainer.initialState();
            if (from != null) {
                state = new TrainingState(from.params().copy(), state.optimizer(), validation.size());
                state.optimizer().restoreState(from.optimizer());
            }
            Minibatches train = data.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
            Minibatches valid = data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL,
                    config.seed());
            while (state.epochsDone() < epochs) {
                validation.add(trainer.epoch(state, train, valid, new StepLosses(losses)).validation());
            }
            return new Run(losses, state.params().copy(), state.optimizer().exportState(), validation);
        }
    }

    @Test
    void theSameSeedDrawsTheSameMasksOnOneAndTwoThreads() {
        Program p = program(ALL);
        Run one = train(p, 1, null, EPOCHS);
        Run two = train(p, 2, null, EPOCHS);
        assertEquals(one.losses().size(), two.losses().size());
        for (int i = 0; i < one.losses().size(); i++) {
            // Two threads sum the gradient in another order, so they agree to rounding, not bit for bit; masks
            // drawn per thread rather than per global row would change the losses in the second digit.
            assertEquals(one.losses().get(i), two.losses().get(i), 1e-9, "step " + i);
        }
        Run plain = train(program(Regularization.NONE), 1, null, EPOCHS);
        assertNotEquals(plain.losses().get(0), one.losses().get(0), "dropout acts on the first step's loss");
    }

    @Test
    void aRunResumedAfterAnEpochRepeatsTheStraightRunBitForBit() {
        Program p = program(ALL);
        for (int threads : new int[] {1, 2}) {
            Run straight = train(p, threads, null, EPOCHS);
            Run again = train(p, threads, null, EPOCHS);
            Run resumed = train(p, threads, train(p, threads, null, 1), EPOCHS);
            assertEquals(straight.losses(), again.losses(), threads + " thread(s): a second run differs");
            assertEquals(straight.losses(), resumed.losses(), threads + " thread(s): the resumed run differs");
            for (int i = 0; i < straight.params().size(); i++) {
                assertArrayEquals(straight.params().values(i), resumed.params().values(i),
                        threads + " thread(s): parameter " + straight.params().names().get(i));
            }
        }
    }

    @Test
    void evaluationIsDeterministicAndWithDropoutAloneIsTheModelWithout() {
        Program dropped = program(new Regularization(0.5, 0.4, 0));
        Program plain = program(Regularization.NONE);
        TrainConfig config = config(2);
        ExecutorFactory factory = (p, steps, rows, dtype) -> CompiledProgram.compile(p,
                Options.float64().maxSteps(steps).maxBatch(rows)).newExecutor();
        Minibatches valid = data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL, 1);
        double[] perplexities = new double[3];
        try (Trainer a = new Trainer(dropped, config, factory); Trainer b = new Trainer(plain, config, factory)) {
            TrainingState state = a.initialState();
            perplexities[0] = a.perplexity(state, valid);
            perplexities[1] = a.perplexity(state, valid);
            perplexities[2] = b.perplexity(new TrainingState(state.params(), state.optimizer(), 0), valid);
        }
        assertEquals(perplexities[0], perplexities[1], "evaluation repeats");
        assertEquals(perplexities[0], perplexities[2], 1e-12 * perplexities[0], "dropout is the identity");
        assertTrue(perplexities[0] > 1);
    }
}
