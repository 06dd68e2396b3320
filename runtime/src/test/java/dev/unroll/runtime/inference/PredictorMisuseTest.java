package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Preprocessing;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or mistaken use of a predictor and of checkpoints fails with an error that says what to do. */
class PredictorMisuseTest {

    private static final List<String> VOCAB = List.of("<unk>", " ", "a", "b");

    @TempDir
    Path dir;

    private Predictor languageModel(Architecture a) {
        ModelDescription d = ModelDescription.languageModel(a, VOCAB, Dtype.FLOAT64, TokenKind.CHARS,
                Preprocessing.LECTURE);
        return Predictor.of(d, ParamStore.initialize(Planner.plan(d.model()), 1), null);
    }

    private static String message(Runnable r) {
        return assertThrows(UnrollException.class, r::run).getMessage();
    }

    @Test
    void unknownTokenIdsAreRefused() {
        Predictor p = languageModel(Architecture.of("gru", 1, 2));
        assertEquals("Predictor.step: token id 4 is not in the vocabulary of 4 tokens (0 to 3); encode text with"
                + " encode(...)", message(() -> p.step(p.start(), 4)));
        assertEquals("Predictor.run: token id -1 is not in the vocabulary of 4 tokens (0 to 3); encode text with"
                + " encode(...)", message(() -> p.run(List.of(new int[] {1, -1}))));
        assertEquals("Predictor.run: every sequence needs at least 1 token, but sequence 0 is empty",
                message(() -> p.run(List.of(new int[0]))));
    }

    @Test
    void aStateOfAnotherModelIsRefused() {
        Predictor p = languageModel(Architecture.of("gru", 1, 2));
        Predictor other = languageModel(Architecture.of("lstm", 1, 3));
        assertEquals("Predictor.step: the state must hold this model's states {l0__h=2} (name = width), but holds"
                + " {l0__h=3, l0__c=3}; start from start() and step on with the state each step returns, from this predictor",
                message(() -> p.step(other.start(), 1)));
    }

    @Test
    void aStateIsImmutable() {
        Predictor p = languageModel(Architecture.of("gru", 1, 2));
        Predictor.State next = p.step(p.start(), 2).next();
        double[] h = next.get("l0__h");
        h[0] = 99;
        next.values().get("l0__h")[1] = 99;
        assertEquals(p.step(p.start(), 2).next().values().get("l0__h")[0], next.get("l0__h")[0]);
        assertEquals(p.step(p.start(), 2).next().values().get("l0__h")[1], next.get("l0__h")[1]);
    }

    @Test
    void generationNeedsAPrefixWithTokensAndAUsableTemperature() {
        Predictor p = languageModel(Architecture.of("rnn", 1, 2));
        assertEquals("Predictor.generate: the prefix '' has no tokens after lecture preprocessing; give a prefix"
                + " with letters", message(() -> p.generate("", 3, 0, 1)));
        assertEquals("the temperature must be finite and ≥ 0 (0 = greedy), got NaN",
                message(() -> p.generate("ab", 3, Double.NaN, 1)));
        assertEquals("Predictor.generate: the count of tokens must be ≥ 0, got -1",
                message(() -> p.generate("ab", -1, 0, 1)));
        assertEquals("Predictor.score: the text needs at least 2 tokens (the first is only read), but has 1 after"
                + " lecture preprocessing; give a longer text", message(() -> p.score("a")));
    }

    @Test
    void aBidirectionalModelNeitherStepsNorGenerates() {
        Predictor p = languageModel(Architecture.of("lstm", 1, 2).withBidirectional(true));
        String rule = " predicts each token from the ones before it, but this model is bidirectional and reads the"
                + " whole sequence, later tokens too; use run on whole sequences, or a unidirectional model";
        assertEquals("Predictor.step" + rule, message(p::start));
        assertEquals("Predictor.generate" + rule, message(() -> p.generate("ab", 2, 0, 1)));
        assertEquals("Predictor.score" + rule, message(() -> p.score("abab")));
        assertEquals(2, p.run(List.of(new int[] {1, 2})).get(0).length);
    }

    @Test
    void languageModelAndTaskCallsAreNotMixed() {
        Predictor lm = languageModel(Architecture.of("rnn", 1, 2));
        assertEquals("Predictor.predict is for a sequence-task model, but this is a language model; use generate,"
                + " score, step or run", message(() -> lm.predict(List.of("ab"))));
        DataSpec spec = DataSpec.learn(LineFormat.parse("t", "ab\tA\nba\tB\n", TokenKind.CHARS, Task.CLASSIFY),
                Task.CLASSIFY, TokenKind.CHARS);
        ModelDescription d = ModelDescription.sequenceTask(Architecture.of("rnn", 1, 2), spec, Dtype.FLOAT64);
        Predictor task = Predictor.of(d, ParamStore.initialize(Planner.plan(d.model()), 1), null);
        assertEquals("Predictor.generate is for a language model, but this is a classify model; use predict or run",
                message(() -> task.generate("ab", 1, 0, 1)));
    }

    @Test
    void runReadsTokenIdsOnlyAndASeq2seqModelSavedWithoutItsLongestTargetNeedsAMaxLength() {
        DataSpec numbers = DataSpec.learn(LineFormat.parse("t", "1,2\t0.3\n2\t0.4\n", TokenKind.NUMBERS,
                Task.REGRESS), Task.REGRESS, TokenKind.NUMBERS);
        Predictor regress = task(numbers);
        assertEquals("Predictor.run reads token ids, but this regress model reads numbers; use predict",
                message(() -> regress.run(List.of(new int[] {1}))));
        assertEquals(2, regress.predict(List.of("1,2", "3")).size());
        DataSpec pairs = DataSpec.learn(LineFormat.parse("t", "ab\tba\nb\tb\n", TokenKind.CHARS, Task.SEQ2SEQ),
                Task.SEQ2SEQ, TokenKind.CHARS);
        Predictor seq2seq = task(pairs);
        assertEquals("Predictor.run reads token ids, but this seq2seq model reads a source and decodes a target;"
                + " use predict", message(() -> seq2seq.run(List.of(new int[] {1}))));
        assertEquals("Predictor.predict: this seq2seq model's checkpoint records no longest training target"
                + " ('longest_target'), which bounds a decoding by default; pass maxLength > 0",
                message(() -> seq2seq.predict(List.of("ab"))));
        assertEquals(1, seq2seq.predict(List.of("ab"), 3).size());
    }

    private static Predictor task(DataSpec spec) {
        ModelDescription d = ModelDescription.sequenceTask(Architecture.of("gru", 1, 2), spec, Dtype.FLOAT64);
        return Predictor.of(d, ParamStore.initialize(Planner.plan(d.model()), 1), null);
    }

    @Test
    void aCheckpointOfANewerFormatIsRefusedAndOneWithoutAVersionIsVersionOne() {
        ModelDescription d = ModelDescription.languageModel("gru", 1, 2, VOCAB);
        Path file = dir.resolve("m.ckpt");
        ModelCheckpoint.save(file, d, ParamStore.initialize(Planner.plan(d.model()), 1));
        edit(file, meta -> meta.put("format_version", "3"));
        assertEquals("Checkpoint " + file.toAbsolutePath() + " has format version 3, written by a newer Unroll; this"
                + " one reads versions 1 to 2; read it with that newer version", message(() -> Predictor.load(file)));
        edit(file, meta -> {
            meta.remove("format_version");
            meta.remove("embedding");
        });
        ModelDescription old = ModelCheckpoint.read(file).description();
        assertEquals(1, old.formatVersion());
        assertEquals(new ModelDescription(1, d.kind(), null, d.architecture(), d.dtype(), d.tokens(),
                d.preprocessing(), d.vocabulary()), old);
    }

    @Test
    void savingRefusesParametersOfAnotherModel() {
        ModelDescription d = ModelDescription.languageModel("gru", 1, 2, VOCAB);
        ModelDescription other = ModelDescription.languageModel("lstm", 1, 2, VOCAB);
        ParamStore params = ParamStore.initialize(Planner.plan(other.model()), 1);
        String m = message(() -> ModelCheckpoint.save(dir.resolve("x.ckpt"), d, params));
        assertEquals(true, m.startsWith("ModelCheckpoint.save: the parameters [") && m.endsWith("; pass the store"
                + " trained for it"), m);
    }

    private static void edit(Path file, Consumer<Map<String, String>> change) {
        Checkpoint c = Checkpoints.read(file);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        change.accept(meta);
        Checkpoints.write(file, new Checkpoint(meta, c.arrays(), c.vocabulary()));
    }
}
