package dev.unroll.spark.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.train.DataParallel;
import dev.unroll.runtime.train.Exchange;
import dev.unroll.runtime.train.ExecutorFactory;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training on Spark in {@code local[2]}, two barrier tasks, against training on one machine with one
 * thread, the same seed and the same global batch. The text is a few hundred characters, about ten steps, because
 * every round of {@code allGather} takes about a second in Spark 4.0 (docs/DISTRIBUTED.md).
 */
class DataParallelTrainingTest {

    private static final TextData DATA = TextData.prepare(BuiltinCorpus.journal(BuiltinCorpus.DEFAULT_SEED, 400),
            Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.2);
    private static final ExecutorFactory FACTORY = (p, steps, rows, dtype) -> CompiledProgram.compile(p,
            Options.float64().maxSteps(steps).maxBatch(rows)).newExecutor();

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("data-parallel test")
                .config("spark.ui.enabled", "false").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void twoWorkersSummingGradientsTrainWhatOneMachineTrains(@TempDir Path dir) {
        ParallelSpec spec = spec(TrainConfig.OptimizerKind.SGD, 1.0, 0.5, 0);
        DataParallelTraining.Result result = DataParallelTraining.train(spark, spec, DATA);
        ParamStore single = trainAlone(spec, DataParallel.single());
        long steps = result.reports().get(0).steps();
        double tolerance = tolerance(spec, steps);
        assertTrue(difference(single, result.params()) <= tolerance, "differs by " + difference(single,
                result.params()) + " > " + tolerance);
        // A worker that applied only the gradient of its own rows (the exchange left out) is far off: the
        // tolerance is tight enough to catch it.
        ParamStore alone = trainAlone(spec, new DataParallel(0, 2, Exchange.identity(),
                new DataParallel.SumGradients()));
        assertTrue(difference(single, alone) > 1e6 * tolerance, "one worker's rows alone differ by only "
                + difference(single, alone));
        Program program = spec.program(DATA.vocab().size());
        long values = program.parameters().stream().mapToLong(p -> (long) p.shape().rows() * p.shape().cols()).sum();
        assertEquals(8 * (values + 1), result.bytesPerMessage(), "8 bytes per parameter value and the loss");
        // One round per step, one for the validation perplexity.
        assertEquals(steps + 1, result.reports().get(1).rounds());
        Path file = dir.resolve("model.npz");
        DataParallelTraining.save(file, spec, DATA, result);
        ParamStore read = ModelCheckpoint.read(file).params();
        for (int i = 0; i < read.size(); i++) {
            assertArrayEquals(result.params().values(i), read.values(i), 0.0);
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void averagingParametersEveryStepOfPlainSgdIsSummingGradientsUpToRounding() {
        // Without clipping or momentum an SGD step is linear in the gradient, and both workers have two of the four
        // rows: the mean over workers of θ - lr·g_w is θ - lr·(g_0 + g_1)/2, which is the step on the global batch.
        ParallelSpec spec = spec(TrainConfig.OptimizerKind.SGD, 1.0, 0, 1);
        DataParallelTraining.Result result = DataParallelTraining.train(spark, spec, DATA);
        ParamStore single = trainAlone(spec, DataParallel.single());
        double tolerance = tolerance(spec, result.reports().get(0).steps());
        assertTrue(difference(single, result.params()) <= tolerance, "differs by " + difference(single,
                result.params()) + " > " + tolerance);
    }

    /**
     * How far float64 summation order may move the parameters. A step's gradient sums over the B·T (row, step)
     * terms of the minibatch; splitting the rows over workers only regroups that sum, whose rounding error is at
     * most B·T·ε of the sum of the terms' magnitudes (ε = 2⁻⁵³), about the gradient's size, ≤ 1 per value after
     * clipping or at these small gradients. A step moves the parameters by lr times the gradient, so each step adds
     * at most lr·B·T·ε, and over S steps S·lr·B·T·ε; the factor 2¹⁰ leaves room for the later steps amplifying an
     * earlier difference through the model (Lipschitz factors ≈ 1 + lr per step at these sizes).
     */
    private static double tolerance(ParallelSpec spec, long steps) {
        return 1024 * steps * spec.learningRate() * spec.batch() * spec.steps() * Math.ulp(1.0) / 2;
    }

    private static ParamStore trainAlone(ParallelSpec spec, DataParallel part) {
        SharedText text = SharedText.of(DATA);
        TrainConfig config = spec.config(DATA.vocab().size());
        try (Trainer trainer = new Trainer(spec.program(DATA.vocab().size()), config, FACTORY, 0, part)) {
            TrainingState state = trainer.initialState();
            while (state.epochsDone() < config.epochs()) {
                trainer.epoch(state, text.trainBatches(spec), text.validationBatches(spec), (done, total) -> { });
            }
            return state.params();
        }
    }

    private static ParallelSpec spec(TrainConfig.OptimizerKind optimizer, double lr, double clip, int averageEvery) {
        return new ParallelSpec("lstm", 1, 8, 8, 4, 1, lr, optimizer, clip, "full", Sampling.RANDOM, Dtype.FLOAT64,
                1, 11, 2, averageEvery, PrecompiledKernels.DEFAULT_PACKAGE);
    }

    private static double difference(ParamStore a, ParamStore b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.values(i).length; j++) {
                max = Math.max(max, Math.abs(a.values(i)[j] - b.values(i)[j]));
            }
        }
        return max;
    }
}
