package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training through {@link DataParallel} without a cluster: threads of this JVM stand in for the
 * processes and exchange through {@link InProcessExchange}.
 */
class DataParallelTest {

    private static final TextData DATA = TextData.prepare(BuiltinCorpus.journal(BuiltinCorpus.DEFAULT_SEED, 3_000),
            Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
    private static final Program PROGRAM = Planner.plan(Model.of(Encoding.oneHot(DATA.vocab().size()))
            .layer(Layer.lstm(6)).head(Head.everyStep(DATA.vocab().size())).build());
    private static final ExecutorFactory FACTORY = (p, steps, rows, dtype) -> CompiledProgram.compile(p,
            Options.float64().maxSteps(steps).maxBatch(rows)).newExecutor();

    /** Parameters and perplexities after training. */
    private record Result(ParamStore params, double train, double validation) {
    }

    @Test
    void theIdentityExchangeIsPlainTrainingBitForBit() {
        TrainConfig config = config(TrainConfig.OptimizerKind.ADAM, 0.01, 1.0, 1);
        AtomicInteger calls = new AtomicInteger();
        Exchange counting = (value, arrays) -> {
            calls.incrementAndGet();
            return Exchange.identity().sum(value, arrays);
        };
        Result plain = train(config, DataParallel.single());
        Result exchanged = train(config, new DataParallel(0, 1, counting, new DataParallel.SumGradients()));
        assertSame(plain, exchanged);
        int steps = DATA.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed()).epoch(0)
                .size();
        // One exchange per step and one per evaluation: the hook really is on the path that trained.
        assertEquals(steps + 1, calls.get());
    }

    @Test
    void twoProcessesSummingGradientsTrainAsOneProcessOfTwoThreads() throws Exception {
        // Each process's rows are those of one of the two threads, weighted alike, and the exchange adds process 1's
        // share to process 0's as the threads' gradients are combined: the same operations in the same order.
        TrainConfig config = config(TrainConfig.OptimizerKind.ADAM, 0.01, 0.5, 2);
        Result threads = train(config, DataParallel.single());
        List<Result> processes = inProcesses(config(TrainConfig.OptimizerKind.ADAM, 0.01, 0.5, 1),
                new DataParallel.SumGradients());
        for (Result process : processes) {
            assertSameParameters(threads, process);
            assertEquals(threads.train(), process.train(), 0.0);
            // Validation losses are added up per process before the exchange, not per minibatch: another order.
            assertEquals(threads.validation(), process.validation(), 1e-12 * threads.validation());
        }
    }

    @Test
    void eachProcessKeepingItsOwnGradientIsNotDataParallelTraining() throws Exception {
        // The mutation the exchange guards against: without it each process follows its own rows only.
        TrainConfig config = config(TrainConfig.OptimizerKind.ADAM, 0.01, 0.5, 1);
        Result whole = train(config, DataParallel.single());
        Result alone = train(config, new DataParallel(0, 2, Exchange.identity(), new DataParallel.SumGradients()));
        assertTrue(maxDifference(whole.params(), alone.params()) > 1e-4, "a process's own rows trained the same");
    }

    @Test
    void averagingAfterEveryPlainSgdStepEqualsSummingGradientsUpToRounding() throws Exception {
        // Without clipping or momentum an SGD step is linear in the gradient: the mean of θ - lr·g_p over processes
        // of equal shares is θ - lr·(mean of g_p), the step on the global batch; only the rounding of the products
        // and sums differs, relative 1e-15 per step, amplified by the steps after it.
        TrainConfig config = config(TrainConfig.OptimizerKind.SGD, 0.5, 0, 1);
        List<Result> summed = inProcesses(config, new DataParallel.SumGradients());
        List<Result> averaged = inProcesses(config, new DataParallel.AverageParameters(1));
        assertTrue(maxDifference(summed.get(0).params(), averaged.get(0).params()) < 1e-10);
        assertSame(averaged.get(0), averaged.get(1));
        List<Result> seldom = inProcesses(config, new DataParallel.AverageParameters(5));
        assertSame(seldom.get(0), seldom.get(1));
        assertTrue(maxDifference(summed.get(0).params(), seldom.get(0).params()) > 1e-6,
                "averaging every 5 steps is an approximation, yet it matched summing gradients");
    }

    private static List<Result> inProcesses(TrainConfig config, DataParallel.Sync sync) throws Exception {
        InProcessExchange exchange = new InProcessExchange(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Result>> runs = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                DataParallel part = new DataParallel(p, 2, exchange.of(p), sync);
                runs.add(pool.submit(() -> train(config, part)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> run : runs) {
                results.add(run.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result train(TrainConfig config, DataParallel part) {
        try (Trainer trainer = new Trainer(PROGRAM, config, FACTORY, 0, part)) {
            TrainingState state = trainer.initialState();
            Minibatches train = DATA.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
            Minibatches valid = DATA.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL,
                    config.seed());
            EpochReport report = trainer.epoch(state, train, valid, (done, total) -> { });
            return new Result(state.params(), report.train(), report.validation());
        }
    }

    private static TrainConfig config(TrainConfig.OptimizerKind optimizer, double lr, double clip, int threads) {
        return new TrainConfig(8, 4, 1, lr, optimizer, clip, Truncation.full(), Sampling.SEQUENTIAL, Dtype.FLOAT64,
                threads, 7, 0.1, Double.POSITIVE_INFINITY);
    }

    private static void assertSame(Result expected, Result actual) {
        assertSameParameters(expected, actual);
        assertEquals(expected.train(), actual.train(), 0.0);
        assertEquals(expected.validation(), actual.validation(), 0.0);
    }

    private static void assertSameParameters(Result expected, Result actual) {
        for (int i = 0; i < expected.params().size(); i++) {
            assertArrayEquals(expected.params().values(i), actual.params().values(i), 0.0,
                    expected.params().names().get(i));
        }
    }

    private static double maxDifference(ParamStore a, ParamStore b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.values(i).length; j++) {
                max = Math.max(max, Math.abs(a.values(i)[j] - b.values(i)[j]));
            }
        }
        return max;
    }
}
