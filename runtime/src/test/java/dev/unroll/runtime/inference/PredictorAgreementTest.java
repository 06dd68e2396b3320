package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.train.ExecutorFactory;
import dev.unroll.runtime.train.TaskPredictions;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictor loaded from a checkpoint computes, in float64, bit for bit what the training executor computes on the
 * same inputs with the same parameters: a language model trained a few epochs as {@code unroll train} trains it, a
 * bidirectional one, and a classifier; and a language model stepped token by token gives the logits of a whole run.
 */
class PredictorAgreementTest {

    static final String TEXT = "the time traveller said that the machine was ready and it was time to travel ";
    /** The training run's steps and rows, which the training executor is compiled for. */
    private static final int STEPS = 6;
    private static final int BATCH = 4;
    /** How {@code unroll train} makes its executors without precompiled kernels. */
    static final ExecutorFactory FACTORY = (program, steps, batch, dtype) -> CompiledProgram.compile(program,
            (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(steps).maxBatch(batch))
            .newExecutor();

    @TempDir
    Path dir;

    @Test
    void aTrainedLanguageModelPredictsWhatItsTrainingExecutorComputes() {
        TextData data = TextData.prepare(Corpus.of("tiny", TEXT.repeat(4)), Preprocessing.LECTURE,
                Tokenization.CHARACTERS, 1, 0.2);
        ModelDescription d = ModelDescription.languageModel(Architecture.of("lstm", 2, 5), data.vocab().tokens(),
                Dtype.FLOAT64, TokenKind.CHARS, Preprocessing.LECTURE);
        ParamStore trained = train(d, data);
        Path file = dir.resolve("lm.ckpt");
        ModelCheckpoint.save(file, d, trained);
        Predictor predictor = Predictor.load(file);

        List<int[]> rows = windows(data.train(), BATCH, STEPS);
        assertRunMatchesExecutor(predictor, trained, rows, data.vocab().size());
        assertSteppingMatchesRun(predictor, rows.get(1));
    }

    @Test
    void aBidirectionalLanguageModelRunsAsItsTrainingExecutor() {
        TextData data = TextData.prepare(Corpus.of("tiny", TEXT), Preprocessing.LECTURE, Tokenization.CHARACTERS, 1,
                0);
        ModelDescription d = ModelDescription.languageModel(Architecture.of("gru", 2, 4).withBidirectional(true)
                .withEmbedding(3), data.vocab().tokens(), Dtype.FLOAT64, TokenKind.CHARS, Preprocessing.LECTURE);
        ParamStore params = ParamStore.initialize(Planner.plan(d.model()), 11);
        Path file = dir.resolve("bi.ckpt");
        ModelCheckpoint.save(file, d, params);
        assertRunMatchesExecutor(Predictor.load(file), params, windows(data.train(), BATCH, STEPS),
                data.vocab().size());
    }

    @Test
    void aClassifierPredictsAsItsTrainingExecutor() {
        String lines = "ab\tA\nba\tB\nab\tA\nbb\tB\naa\tA\nba\tB\n";
        List<RawExample> raw = LineFormat.parse("t", lines, TokenKind.CHARS, Task.CLASSIFY);
        DataSpec spec = DataSpec.learn(raw, Task.CLASSIFY, TokenKind.CHARS);
        ModelDescription d = ModelDescription.sequenceTask(Architecture.of("rnn", 1, 3), spec, Dtype.FLOAT64);
        Program program = Planner.plan(d.model());
        ParamStore params = ParamStore.initialize(program, 5);
        Path file = dir.resolve("classify.ckpt");
        ModelCheckpoint.save(file, d, params);
        Predictor predictor = Predictor.load(file);

        List<Sequence> sequences = spec.encode(raw);
        ProgramExecutor executor = FACTORY.create(program, 2, BATCH, Dtype.FLOAT64);
        executor.setParameters(params);
        TaskPredictions expected = new TaskPredictions(executor, spec);
        List<int[]> tokens = new ArrayList<>();
        for (Sequence s : sequences) {
            tokens.add(new int[] {(int) s.x()[0], (int) s.x()[1]});
        }
        List<double[][]> outputs = expected.outputs(sequences);
        List<double[][]> run = predictor.run(tokens);
        for (int i = 0; i < sequences.size(); i++) {
            assertArrayEquals(outputs.get(i)[0], run.get(i)[0], "sequence " + i);
        }
        assertEquals(expected.predict(sequences), predictor.predict(List.of(lines.split("\n"))));
    }

    @Test
    void scoringInPassesGivesTheCrossEntropyOfOneRun() {
        TextData data = TextData.prepare(Corpus.of("tiny", TEXT.repeat(5)), Preprocessing.LECTURE,
                Tokenization.CHARACTERS, 1, 0);
        ModelDescription d = ModelDescription.languageModel(Architecture.of("gru", 1, 4), data.vocab().tokens(),
                Dtype.FLOAT64, TokenKind.CHARS, Preprocessing.LECTURE);
        Predictor predictor = Predictor.of(d, ParamStore.initialize(Planner.plan(d.model()), 8), null);
        String text = TEXT.repeat(4);
        int[] ids = predictor.encode(text);
        assertEquals(true, ids.length > Predictor.SCORE_CHUNK + 1, "the text needs more than one pass");
        double[][] logits = predictor.run(List.of(Arrays.copyOf(ids, ids.length - 1))).get(0);
        double sum = 0;
        for (int t = 0; t < logits.length; t++) {
            sum += crossEntropy(logits[t], ids[t + 1]);
        }
        Predictor.Score score = predictor.score(text);
        assertEquals(ids.length, score.tokens());
        assertEquals(sum / logits.length, score.meanCrossEntropy(), 1e-12);
        assertEquals(Math.exp(score.meanCrossEntropy()), score.perplexity());
    }

    /** {@code -ln softmax(logits)[target]}, written out directly. */
    private static double crossEntropy(double[] logits, int target) {
        double total = 0;
        for (double v : logits) {
            total += Math.exp(v);
        }
        return -Math.log(Math.exp(logits[target]) / total);
    }

    /** Trains {@code d} on {@code data} for 2 epochs as {@code unroll train} does, in float64 on 2 threads. */
    static ParamStore train(ModelDescription d, TextData data) {
        Program program = Planner.plan(d.model());
        TrainConfig config = new TrainConfig(STEPS, BATCH, 2, 1, TrainConfig.OptimizerKind.SGD, 1, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT64, 2, 42, 0.2, Double.POSITIVE_INFINITY);
        try (Trainer trainer = new Trainer(program, config, FACTORY)) {
            TrainingState state = trainer.initialState();
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                trainer.epoch(state, data.trainBatches(BATCH, STEPS, Sampling.RANDOM, 42 + epoch),
                        data.validationBatches(BATCH, STEPS, Sampling.SEQUENTIAL, 42), (done, total) -> { });
            }
            return state.params().copy();
        }
    }

    /** {@code count} windows of {@code steps} tokens of {@code ids}, each starting one token later. */
    static List<int[]> windows(int[] ids, int count, int steps) {
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            out.add(Arrays.copyOfRange(ids, r, r + steps));
        }
        return out;
    }

    /** The predictor's logits equal, bit for bit, those of an executor compiled for the training run's capacity. */
    private static void assertRunMatchesExecutor(Predictor predictor, ParamStore params, List<int[]> rows,
                                                 int vocab) {
        ProgramExecutor executor = FACTORY.create(Planner.plan(predictor.description().model()), STEPS, BATCH,
                Dtype.FLOAT64);
        executor.setParameters(params);
        double[][] x = new double[STEPS][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int t = 0; t < STEPS; t++) {
                x[t][r] = rows.get(r)[t];
            }
        }
        executor.forward(x, new double[STEPS][rows.size()], Map.of(), rows.size());
        List<double[][]> run = predictor.run(rows);
        for (int t = 0; t < STEPS; t++) {
            double[] expected = executor.output(t);
            for (int r = 0; r < rows.size(); r++) {
                assertArrayEquals(Arrays.copyOfRange(expected, r * vocab, (r + 1) * vocab),
                        run.get(r)[t], "row " + r + ", step " + t);
            }
        }
    }

    /** Stepping through {@code tokens} from the zero state gives exactly the logits of running them at once. */
    private static void assertSteppingMatchesRun(Predictor predictor, int[] tokens) {
        double[][] run = predictor.run(List.of(tokens)).get(0);
        Predictor.State state = predictor.start();
        for (int t = 0; t < tokens.length; t++) {
            Predictor.Step step = predictor.step(state, tokens[t]);
            assertArrayEquals(run[t], step.logits(), "step " + t);
            state = step.next();
        }
    }
}
