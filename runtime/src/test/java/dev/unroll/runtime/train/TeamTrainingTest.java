package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A B = 1 run with two threads trains with a column-split team instead of a second worker, and ends with exactly
 * the parameters of the run on one thread.
 */
class TeamTrainingTest {

    private static final int VOCAB = 5;
    private static final int STEPS = 4;
    // H = 256: each gate's recurrent weights have 65,536 values, a product the team splits at B = 1.
    private static final Program PROGRAM = Planner.plan(Model.of(Encoding.oneHot(VOCAB)).layer(Layer.lstm(256))
            .head(Head.everyStep(VOCAB)).build());

    @Test
    void twoThreadsAtOneRowGiveTheParametersOfOne() {
        assertEquals(1, config(2).workers(PROGRAM));
        assertEquals(2, config(2).team(PROGRAM));
        assertEquals(1, config(1).team(PROGRAM));
        ParamStore one = train(config(1));
        ParamStore two = train(config(2));
        for (int p = 0; p < one.size(); p++) {
            assertArrayEquals(one.values(p), two.values(p), one.names().get(p));
        }
    }

    private static ParamStore train(TrainConfig config) {
        try (Trainer trainer = new Trainer(PROGRAM, config, (p, steps, rows, dtype) -> CompiledProgram.compile(p,
                Options.float64().dtype(dtype).maxSteps(steps).maxBatch(rows)).newExecutor())) {
            TrainingState state = trainer.initialState();
            trainer.epoch(state, data(), null, (done, total) -> { });
            return state.params();
        }
    }

    private static Minibatches data() {
        SplittableRandom rng = new SplittableRandom(5);
        int[] tokens = new int[4 * STEPS + 1];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rng.nextInt(VOCAB);
        }
        return Minibatches.of("random tokens", tokens, 1, STEPS, Sampling.RANDOM, 3);
    }

    private static TrainConfig config(int threads) {
        return new TrainConfig(STEPS, 1, 1, 0.5, TrainConfig.OptimizerKind.SGD, 1.0, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT32, threads, 42, 0.0, Double.POSITIVE_INFINITY);
    }
}
