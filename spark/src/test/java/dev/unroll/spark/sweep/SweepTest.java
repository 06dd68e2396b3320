package dev.unroll.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.Predictor;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sweep of twelve tiny language models in {@code local[2,2]}, whose task for one configuration fails on its
 * first attempt: every row, the CSV, the best checkpoint and the retried run are checked against what they must be.
 */
class SweepTest {

    private static final int FAILING = 7;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static SweepCorpus corpus;
    private static List<SweepConfig> configs;
    private static Sweep.Outcome outcome;

    @BeforeAll
    static void sweep() {
        spark = SparkSession.builder().master("local[2,2]").appName("sweep test")
                .config("spark.ui.enabled", "false").getOrCreate();
        corpus = SweepCorpus.of(BuiltinCorpus.timeMachine(), 0.1).first(5000);
        configs = SweepGrid.parse(List.of("cell=lstm,gru,rnn", "hidden=8,12", "truncation=full,fixed:4",
                "epochs=2", "batch=4", "steps=8"), "the test").configurations();
        TrainFunction train = new FailOnce(new LanguageModelTraining(), FAILING, dir.resolve("failed").toString());
        outcome = new Sweep(spark, train, new Sweep.Output(dir.resolve("out"), false, false)).run(configs, corpus);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyConfigurationHasOneRowInTheDatasetAndInTheCsv() {
        List<Row> rows = outcome.results().collectAsList();
        assertEquals(12, rows.size());
        List<Row> csv = spark.read().option("header", "true").option("escape", "\"")
                .csv(outcome.csv().toString()).collectAsList();
        assertEquals(12, csv.size());
        for (int i = 0; i < 12; i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getInt(row.fieldIndex("id")));
            assertEquals(SweepResult.OK, row.getString(row.fieldIndex("status")));
            assertEquals(2, row.getList(row.fieldIndex("validation_perplexity")).size());
            Row line = csv.get(i);
            assertEquals(Integer.toString(i), line.getString(line.fieldIndex("id")));
            assertEquals(configs.get(i).text(SweepOption.CELL), line.getString(line.fieldIndex("cell")));
            assertEquals(row.getDouble(row.fieldIndex("final_validation_perplexity")),
                    Double.parseDouble(line.getString(line.fieldIndex("final_validation_perplexity"))));
            assertEquals(row.getList(row.fieldIndex("train_perplexity")).stream().map(String::valueOf)
                    .collect(Collectors.joining(";")), line.getString(line.fieldIndex("train_perplexity")));
        }
    }

    @Test
    void theBestCheckpointLoadsAndScoresTheValidationTextAsItsRowSays() {
        SweepResult best = outcome.best().orElseThrow();
        for (SweepResult r : outcome.runs()) {
            assertTrue(best.finalValidationPerplexity() <= r.finalValidationPerplexity());
        }
        Path file = outcome.csv().resolveSibling(Sweep.BEST);
        assertEquals(2, Predictor.load(file).generate("the ", 2, 0, 1).length() - "the ".length());
        assertEquals(best.finalValidationPerplexity(), validationPerplexity(best.config(), file), 1e-12);
    }

    @Test
    void onlyTheBestCheckpointIsKept() throws IOException {
        try (Stream<Path> files = Files.list(outcome.csv().resolveSibling(Sweep.CHECKPOINTS))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aTaskThatFailedOnceWasRetriedAndTrainedAsACleanRunDoes() {
        assertTrue(Files.exists(dir.resolve("failed")), "the first attempt must have failed");
        SweepResult clean = new LanguageModelTraining().train(configs.get(FAILING), corpus,
                dir.resolve("clean.ckpt").toString());
        SweepResult retried = outcome.runs().get(FAILING);
        assertEquals(clean.trainPerplexity(), retried.trainPerplexity());
        assertEquals(clean.validationPerplexity(), retried.validationPerplexity());
    }

    @Test
    void anExistingResultsFileIsNotReplacedWithoutForce() {
        Sweep again = new Sweep(spark, new LanguageModelTraining(), new Sweep.Output(dir.resolve("out"), false, false));
        UnrollException e = assertThrows(UnrollException.class, () -> again.run(configs, corpus));
        assertEquals("the sweep's results file " + outcome.csv() + " exists already; choose another output"
                + " directory, or pass --force to replace it", e.getMessage());
        assertFalse(outcome.runs().isEmpty());
    }

    /** The perplexity the trainer measures on the validation minibatches with the checkpoint's parameters. */
    private static double validationPerplexity(SweepConfig config, Path checkpoint) {
        ModelCheckpoint.Loaded loaded = ModelCheckpoint.read(checkpoint);
        TextData data = corpus.prepare();
        TrainConfig settings = config.trainConfig(data.vocab().size(), corpus.validation());
        try (Trainer trainer = new Trainer(loaded.program(), settings, (p, steps, batch, dtype) ->
                CompiledProgram.compile(p, Options.float32().dtype(dtype).maxSteps(steps).maxBatch(batch))
                        .newExecutor())) {
            TrainingState state = new TrainingState(loaded.params(), Trainer.newOptimizer(settings), 0);
            return trainer.perplexity(state, SweepBatches.of(settings, data).validation());
        }
    }

}
