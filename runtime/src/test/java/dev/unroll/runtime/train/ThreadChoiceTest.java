package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.kernels.Team;
import dev.unroll.runtime.text.Sampling;
import org.junit.jupiter.api.Test;

class ThreadChoiceTest {

    private static final int VOCAB = 28;

    private static Program lstm(int hidden) {
        return Planner.plan(Model.of(Encoding.oneHot(VOCAB)).layer(Layer.lstm(hidden)).head(Head.everyStep(VOCAB))
                .build());
    }

    private static TrainConfig config(int batch, int threads) {
        return new TrainConfig(35, batch, 1, 1.0, TrainConfig.OptimizerKind.SGD, 1.0, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT32, threads, 1, 0, Double.POSITIVE_INFINITY);
    }

    @Test
    void theChoiceIsTheMostWorkersThatEachGetEnoughWork() {
        PropertyRunner.forAll(Gens.tuples(Gens.integers(1, 300), Gens.integers(1, 64), Gens.integers(1, 8)),
                Gens.integers(1, 100)).tries(60).seed(17).check(c -> {
                    int hidden = c.first().first();
                    int batch = c.first().second();
                    int cores = c.first().third();
                    int steps = c.second();
                    Program program = lstm(hidden);
                    long work = ThreadChoice.parameterValues(program) * steps;
                    int n = ThreadChoice.workers(program, batch, steps, cores);
                    assertTrue(n >= 1 && n <= Math.min(cores, batch), n + " workers for " + batch + " rows, "
                            + cores + " cores");
                    assertTrue(n == 1 || work * (batch / n) >= ThreadChoice.MIN_WORK_PER_WORKER, n + " workers get"
                            + " too little work each: " + work * (batch / n));
                    assertTrue(n == Math.min(cores, batch)
                            || work * (batch / (n + 1)) < ThreadChoice.MIN_WORK_PER_WORKER, n + " workers, but "
                            + (n + 1) + " would each get enough work");
                });
    }

    @Test
    void aTeamSplitsTheProductsOnlyOfAOneRowBatchWhoseProductsAreLargeEnough() {
        PropertyRunner.forAll(Gens.tuples(Gens.integers(1, 300), Gens.integers(1, 64), Gens.integers(1, 8)),
                Gens.integers(1, 4)).tries(60).seed(18).check(c -> {
                    int hidden = c.first().first();
                    int batch = c.first().second();
                    int threads = c.first().third();
                    int workers = c.second();
                    Program program = lstm(hidden);
                    int team = ThreadChoice.team(program, batch, workers, threads);
                    boolean large = ThreadChoice.largestParameter(program) >= Team.MIN_WORK;
                    assertEquals(batch == 1 && workers == 1 && large ? threads : 1, team, "a team for H = " + hidden
                            + ", B = " + batch + ", " + workers + " workers, " + threads + " threads");
                });
        // one gate's recurrent weights: 256 × 256 at H = 256, 128 × 128 at H = 128
        assertEquals(256L * 256, ThreadChoice.largestParameter(lstm(256)));
        assertEquals(2, ThreadChoice.team(lstm(256), 1, 1, 2));
        assertEquals(1, ThreadChoice.team(lstm(128), 1, 1, 2));
        assertEquals(1, ThreadChoice.team(lstm(32), 1, 1, 2));
        assertEquals(1, ThreadChoice.team(lstm(64), 32, 1, 2), "one worker over 32 rows keeps one thread");
    }

    @Test
    void zeroThreadsGiveABatchOfOneRowATeamOfAtMostTwo() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores >= 2 ? 2 : 1, config(1, 0).team(lstm(256)));
        assertEquals(1, config(1, 0).team(lstm(32)));
        assertEquals(3, config(1, 3).team(lstm(256)));
        assertEquals(1, config(32, 2).team(lstm(256)), "the batch split serves B = 32");
    }

    @Test
    void parameterValuesCountEveryWeightAndBias() {
        int h = 5;
        // four gates of [VOCAB + h → h] with biases, and the head [h → VOCAB] with its bias
        assertEquals(4L * ((VOCAB + h) * h + h) + (h * VOCAB + VOCAB), ThreadChoice.parameterValues(lstm(h)));
    }

    @Test
    void givenThreadsAreKeptUpToTheRowsAndZeroLeavesTheChoiceToThreadChoice() {
        Program program = lstm(8);
        assertEquals(3, config(32, 3).workers(program));
        assertEquals(2, config(2, 4).workers(program));
        assertEquals(ThreadChoice.workers(program, 32, 35, Runtime.getRuntime().availableProcessors()),
                config(32, 0).workers(program));
        UnrollException e = assertThrows(UnrollException.class, () -> config(32, -1));
        assertEquals("threads (0 = chosen per model) must be at least 0, got -1", e.getMessage());
    }
}
