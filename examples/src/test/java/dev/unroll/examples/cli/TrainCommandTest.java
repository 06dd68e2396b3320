package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.checkpoint.NpzReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command end to end, in process, on small models. */
class TrainCommandTest {

    private static final Pattern PERPLEXITY = Pattern.compile("epoch (\\d+)  perplexity ([0-9.]+)");
    private static final Pattern GRAD_NORM = Pattern.compile("grad norm mean ([0-9.e+-]+) max ([0-9.e+-]+) clipped"
            + " (\\d+)% \\(θ = 0.5\\)");

    @TempDir
    Path dir;

    @Test
    void resumingContinuesExactlyAsAnUninterruptedRun() throws Exception {
        String[] common = {"train", "--corpus", "journal", "--hidden", "16", "--steps", "10", "--batch", "8",
            "--threads", "1", "--plot", dir.resolve("p.svg").toString(), "--generate", "5"};
        List<Double> straight = perplexities(run(concat(common, "--epochs", "2")));
        Path ckpt = dir.resolve("lm.ckpt");
        run(concat(common, "--epochs", "1", "--checkpoint", ckpt.toString()));
        List<Double> resumed = perplexities(run(concat(common, "--epochs", "2", "--checkpoint", ckpt.toString(),
                "--resume")));
        assertEquals(2, straight.size());
        assertEquals(List.of(straight.get(1)), resumed);
    }

    @Test
    void theResultDoesNotDependOnTheNumberOfThreads() throws Exception {
        String[] common = {"train", "--hidden", "16", "--steps", "10", "--batch", "8", "--epochs", "1",
            "--dtype", "float64", "--plot", dir.resolve("p.svg").toString(), "--generate", "5"};
        double one = perplexities(run(concat(common, "--threads", "1"))).get(0);
        double two = perplexities(run(concat(common, "--threads", "2"))).get(0);
        assertEquals(one, two, 1e-3 * one, "perplexity is printed to 3 decimals");
    }

    @Test
    void recomputingSegmentsGivesTheSamePerplexityAndIsRefusedForTasks() throws Exception {
        String[] common = {"train", "--corpus", "journal", "--hidden", "16", "--steps", "12", "--batch", "8",
            "--epochs", "1", "--dtype", "float64", "--threads", "1", "--plot", dir.resolve("p.svg").toString(),
            "--generate", "5"};
        double full = perplexities(run(common)).get(0);
        double segmented = perplexities(run(concat(common, "--recompute", "5"))).get(0);
        assertEquals(full, segmented, 1e-3 * full, "perplexity is printed to 3 decimals");
        Path data = dir.resolve("labels.txt");
        Files.writeString(data, "a b\tx\nb a\ty\n".repeat(20));
        String err = runExpectingFailure("train", "--task", "classify", "--data", data.toString(), "--recompute",
                "2");
        assertTrue(err.contains("--recompute splits continuous text into segments, but --task classify"), err);
    }

    @Test
    void aResumeFromAnIncompatibleCheckpointIsAClearError() throws Exception {
        Path ckpt = dir.resolve("lm.ckpt");
        run("train", "--hidden", "8", "--steps", "5", "--batch", "4", "--epochs", "1", "--checkpoint",
                ckpt.toString(), "--plot", dir.resolve("p.svg").toString(), "--generate", "1");
        String err = runExpectingFailure("train", "--hidden", "12", "--steps", "5", "--batch", "4", "--epochs", "2",
                "--checkpoint", ckpt.toString(), "--resume", "--plot", dir.resolve("p.svg").toString());
        assertTrue(err.contains("was trained with hidden = 8, but this run asks for 12"), err);
        String embedded = runExpectingFailure("train", "--hidden", "8", "--embedding", "4", "--steps", "5",
                "--batch", "4", "--epochs", "2", "--checkpoint", ckpt.toString(), "--resume", "--plot",
                dir.resolve("p.svg").toString());
        assertTrue(embedded.contains("was trained with embedding = 0, but this run asks for 4"), embedded);
    }

    @Test
    void perplexityOnTheTimeMachineFallsWellBelowTheVocabularySize() throws Exception {
        String out = run("train", "--hidden", "64", "--epochs", "3", "--lr", "2",
                "--plot", dir.resolve("p.svg").toString(), "--npz", dir.resolve("lm.npz").toString());
        List<Double> ppl = perplexities(out);
        assertTrue(out.contains("corpus The Time Machine (built in): "), out);
        assertTrue(out.contains("vocabulary 28"), out);
        assertTrue(ppl.get(2) < ppl.get(0), out);
        assertTrue(ppl.get(2) < 12, "perplexity after 3 epochs should be far below 28: " + out);
        NpzReader.Contents npz = NpzReader.contents(dir.resolve("lm.npz"));
        List<String> vocab = npz.texts().get("vocab");
        assertEquals(28, vocab.size(), vocab.toString());
        assertEquals(List.of("<unk>", " "), vocab.subList(0, 2), "the vocabulary in id order, <unk> first");
        assertArrayEquals(new int[] {64, 28}, npz.numbers().get("W_hq").shape());
    }

    @Test
    void wordLevelGenerationKeepsTheSpaceBetweenThePrefixAndTheContinuation() throws Exception {
        Path text = dir.resolve("words.txt");
        Files.writeString(text, "the time traveller came back and the time machine stood still. ".repeat(300));
        String out = run("train", "--text", text.toString(), "--tokens", "words", "--hidden", "8", "--steps", "5",
                "--batch", "4", "--epochs", "1", "--prefix", "the time", "--generate", "4", "--plot",
                dir.resolve("p.svg").toString());
        String sample = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(sample.startsWith("the time "), sample);
        assertEquals(2 + 4, sample.split(" ").length, "two prefix words and four generated ones: " + sample);
    }

    @Test
    void anEmbeddedLanguageModelTrainsAndGeneratesFromItsCheckpoint() throws Exception {
        Path text = dir.resolve("short.txt");
        Files.writeString(text, "the time traveller came back and the time machine stood still. ".repeat(40));
        Path ckpt = dir.resolve("emb.ckpt");
        String out = run("train", "--text", text.toString(), "--embedding", "5", "--hidden", "8", "--steps", "5",
                "--batch", "4", "--epochs", "1", "--checkpoint", ckpt.toString(), "--npz",
                dir.resolve("emb.npz").toString(), "--plot", dir.resolve("p.svg").toString(), "--generate", "1");
        assertTrue(out.contains("model 1-layer lstm, 8 hidden, embedding 5, compiled"), out);
        NpzReader.Contents npz = NpzReader.contents(dir.resolve("emb.npz"));
        int vocab = npz.texts().get("vocab").size();
        assertArrayEquals(new int[] {vocab, 5}, npz.numbers().get("W_emb").shape());
        assertArrayEquals(new int[] {5, 8}, npz.numbers().get("l0__W_xi").shape());
        assertTrue(run("generate", "--checkpoint", ckpt.toString(), "--prefix", "the ", "--generate", "3")
                .startsWith("the "));
    }

    @Test
    void theGradientNormLogHasEveryStepAndAgreesWithTheEpochSummary() throws Exception {
        Path log = dir.resolve("logs/norms.tsv");
        String out = run("train", "--hidden", "8", "--steps", "10", "--batch", "64", "--epochs", "1", "--clip", "0.5",
                "--threads", "1", "--plot", dir.resolve("p.svg").toString(), "--generate", "1", "--log-grad-norm",
                log.toString());
        List<String> rows = Files.readAllLines(log);
        assertEquals("epoch\tminibatch\tloss\tgrad_norm\tclipped", rows.get(0));
        double sum = 0;
        double max = 0;
        int clipped = 0;
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split("\t");
            assertEquals(List.of("1", Integer.toString(i)), List.of(f[0], f[1]), rows.get(i));
            double norm = Double.parseDouble(f[3]);
            sum += norm;
            max = Math.max(max, norm);
            clipped += Boolean.parseBoolean(f[4]) ? 1 : 0;
            assertEquals(norm > 0.5, Boolean.parseBoolean(f[4]), rows.get(i));
        }
        int steps = rows.size() - 1;
        Matcher m = GRAD_NORM.matcher(out);
        assertTrue(m.find(), out);
        assertEquals(sum / steps, Double.parseDouble(m.group(1)), 5e-3 * sum / steps, out);
        assertEquals(max, Double.parseDouble(m.group(2)), 5e-3 * max, out);
        assertEquals(Math.round(100.0 * clipped / steps), Long.parseLong(m.group(3)), out);
    }

    private static List<Double> perplexities(String out) {
        List<Double> result = new ArrayList<>();
        Matcher m = PERPLEXITY.matcher(out);
        while (m.find()) {
            result.add(Double.parseDouble(m.group(2)));
        }
        return result;
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = UnrollCommand.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        return out;
    }

    private static String runExpectingFailure(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var cli = UnrollCommand.commandLine();
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(1, cli.execute(args));
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
