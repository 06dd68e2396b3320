package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Java snippets of docs/INFERENCE.md, which this file holds verbatim (indented by 8 spaces), on a small
 * trained language model and a classifier; and checks that every snippet of the guide is here.
 */
class InferenceGuideTest {

    /** The application class the deployment snippet names. */
    static final class MyApp {
    }

    @TempDir
    Path dir;

    @Test
    void everyJavaSnippetOfTheGuideIsRunHere() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "INFERENCE.md"));
        String source = Files.readString(Path.of("src", "test", "java", "dev", "unroll", "runtime", "inference",
                "InferenceGuideTest.java"));
        List<String> snippets = snippets(guide);
        assertEquals(7, snippets.size(), "the guide's java blocks");
        for (String snippet : snippets) {
            assertTrue(source.contains(snippet.indent(8)), "docs/INFERENCE.md shows a snippet this test does not"
                    + " run verbatim (indented by 8 spaces):\n" + snippet);
        }
    }

    @Test
    void theLanguageModelSnippetsRun() {
        TextData data = TextData.prepare(Corpus.of("tiny", PredictorAgreementTest.TEXT.repeat(4)),
                Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.2);
        ModelDescription d = ModelDescription.languageModel(Architecture.of("lstm", 1, 8), data.vocab().tokens(),
                Dtype.FLOAT32, TokenKind.CHARS, Preprocessing.LECTURE);
        Path checkpoint = dir.resolve("lstm.ckpt");
        ModelCheckpoint.save(checkpoint, d, PredictorAgreementTest.train(d, data));

        Predictor predictor = Predictor.load(checkpoint);
        ModelDescription model = predictor.description();
        System.out.println(model.describe() + ", trained in " + model.dtype());

        PrecompiledKernels kernels = PrecompiledKernels.of("com.example.kernels", MyApp.class.getClassLoader());
        Predictor deployed = Predictor.load(checkpoint, kernels);

        String text = predictor.generate("time traveller ", 50, 0.0, 1);
        Predictor.Score score = predictor.score("the time machine is a novel");
        System.out.printf("%s%n%d tokens, cross-entropy %.4f, perplexity %.3f%n", text, score.tokens(),
                score.meanCrossEntropy(), score.perplexity());

        Predictor.State state = predictor.start();
        double[] logits = null;
        for (int token : predictor.encode("time traveller")) {
            Predictor.Step step = predictor.step(state, token);
            logits = step.logits();
            state = step.next();
        }
        int next = 0;
        for (int i = 1; i < logits.length; i++) {
            next = logits[i] > logits[next] ? i : next;
        }
        System.out.println("most likely next token: '" + predictor.decode(new int[] {next}) + "'");

        List<double[][]> outputs = predictor.run(List.of(predictor.encode("the time"), predictor.encode("machine")));
        double[] afterTime = outputs.get(0)[outputs.get(0).length - 1];
        System.out.println(outputs.size() + " rows, " + afterTime.length + " logits at the last step of the first");

        assertEquals(text, deployed.generate("time traveller ", 50, 0.0, 1));
        assertEquals(Math.exp(score.meanCrossEntropy()), score.perplexity());
        assertEquals(predictor.encode("the time machine is a novel").length, score.tokens());
        assertEquals(model.vocabulary().size(), afterTime.length);
    }

    @Test
    void theTaskAndSavingSnippetsRun() {
        DataSpec spec = DataSpec.learn(LineFormat.parse("t", "ab\tA\nbb\tB\nba\tA\n", TokenKind.CHARS,
                Task.CLASSIFY), Task.CLASSIFY, TokenKind.CHARS);
        ModelDescription task = ModelDescription.sequenceTask(Architecture.of("gru", 1, 4), spec, Dtype.FLOAT64);
        Path classifierCheckpoint = dir.resolve("m.ckpt");
        ModelCheckpoint.save(classifierCheckpoint, task, ParamStore.initialize(Planner.plan(task.model()), 2));

        Predictor classifier = Predictor.load(classifierCheckpoint);
        List<String> labels = classifier.predict(List.of("abab", "bbba"));
        System.out.println(labels);

        List<String> vocabulary = List.of("<unk>", " ", "a", "b", "c");
        Path saved = dir.resolve("my.ckpt");

        ModelDescription description = ModelDescription.languageModel("lstm", 1, 32, vocabulary);
        ParamStore params = ParamStore.initialize(Planner.plan(description.model()), 42);
        ModelCheckpoint.save(saved, description, params);
        Predictor fresh = Predictor.load(saved);

        assertEquals(2, labels.size());
        assertTrue(spec.labels().names().containsAll(labels), labels.toString());
        assertEquals(description, fresh.description());
    }

    /** The contents of the guide's {@code ```java} blocks. */
    private static List<String> snippets(String guide) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while ((at = guide.indexOf("```java\n", at)) >= 0) {
            int end = guide.indexOf("```\n", at + 8);
            out.add(guide.substring(at + 8, end));
            at = end + 4;
        }
        return out;
    }
}
