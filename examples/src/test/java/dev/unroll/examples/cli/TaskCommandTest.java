package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.examples.tasks.SequenceExamples;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --task ...} and {@code predict} end to end; a scheduled, early-stopping run and a mixed-lengths run
 * resumed exactly; a resume that would batch differently refused.
 */
class TaskCommandTest {

    @TempDir
    Path dir;

    private static final String[] SMALL = {"--hidden", "4", "--batch", "8", "--threads", "2", "--optimizer", "adam",
        "--lr", "0.01", "--dtype", "float64"};

    private Path file(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private static CliRun train(String... args) {
        return trainExiting(0, args);
    }

    /** A refused run: exit code 1, one line on standard error. */
    private static CliRun trainFailing(String... args) {
        return trainExiting(1, args);
    }

    private static CliRun trainExiting(int code, String... args) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(Arrays.asList(SMALL));
        all.addAll(Arrays.asList(args));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(code, r.code(), r.out() + r.err());
        return r;
    }

    @Test
    void classifyTrainsThenPredictsOneLabelPerLine() throws IOException {
        Path data = file("count.tsv", SequenceExamples.counting(5, 80));
        CliRun r = train("--task", "classify", "--data", data.toString(), "--epochs", "2", "--checkpoint",
                dir.resolve("m.ckpt").toString());
        assertTrue(r.out().contains("epoch 2  loss "), r.out());
        assertTrue(r.out().contains("validation accuracy "), r.out());
        CliRun p = CliRun.of("predict", "--model", dir.resolve("m.ckpt").toString(), "--data", data.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = p.out().lines().toList();
        assertEquals(80, lines.size());
        assertTrue(Set.of("a", "b", "tie").containsAll(lines), lines::toString);
    }

    @Test
    void mixedLengthsTrainAClassifierThatPredictsEveryLine() throws IOException {
        Path data = file("count.tsv", SequenceExamples.counting(5, 40));
        CliRun r = train("--task", "classify", "--data", data.toString(), "--epochs", "1", "--mixed-lengths",
                "--checkpoint", dir.resolve("mixed.ckpt").toString());
        assertTrue(r.out().contains("validation accuracy "), r.out());
        CliRun p = CliRun.of("predict", "--model", dir.resolve("mixed.ckpt").toString(), "--data", data.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(40, p.out().lines().count(), p.out());
    }

    @Test
    void labelPredictsOneLabelPerToken() throws IOException {
        List<String> examples = SequenceExamples.tagging(6, 60);
        Path data = file("tags.tsv", examples);
        train("--task", "label", "--tokens", "words", "--data", data.toString(), "--epochs", "1", "--bidirectional",
                "--checkpoint", dir.resolve("t.ckpt").toString());
        CliRun p = CliRun.of("predict", "--model", dir.resolve("t.ckpt").toString(), "--data", data.toString());
        List<String> lines = p.out().lines().toList();
        for (int i = 0; i < examples.size(); i++) {
            int words = examples.get(i).split("\t")[0].split(" ").length;
            assertEquals(words, lines.get(i).split(" ").length, lines.get(i));
        }
    }

    @Test
    void regressPrintsTheValidationMse() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add((i % 5) + "," + (i % 3) + "\t" + (i % 5 + i % 3) / 10.0);
        }
        CliRun r = train("--task", "regress", "--tokens", "numbers", "--data", file("sum.tsv", lines).toString(),
                "--epochs", "2");
        assertTrue(r.out().contains("validation mse "), r.out());
        assertTrue(r.out().contains("rmse "), r.out());
    }

    @Test
    void seq2seqTrainsThenDecodesOneLinePerSource() throws IOException {
        Path data = file("dates.tsv", SequenceExamples.dates(5, 60));
        CliRun r = train("--task", "seq2seq", "--data", data.toString(), "--epochs", "2", "--bidirectional",
                "--checkpoint", dir.resolve("s.ckpt").toString());
        assertTrue(r.out().contains("epoch 2  loss "), r.out());
        assertTrue(r.out().contains("validation exact match "), r.out());
        CliRun p = CliRun.of("predict", "--model", dir.resolve("s.ckpt").toString(), "--data", data.toString(),
                "--max-length", "4");
        assertEquals(0, p.code(), p.err());
        List<String> lines = p.out().lines().toList();
        assertEquals(60, lines.size());
        for (String line : lines) {
            // At most 4 tokens, each a character of the targets (digits and '-'), or the never-trained <bos>.
            assertTrue(line.replace("<bos>", "").length() <= 4 && line.replace("<bos>", "").matches("[0-9-]*"),
                    line);
        }
        CliRun unknown = CliRun.of("predict", "--model", dir.resolve("s.ckpt").toString(), "--data",
                file("new.txt", List.of("12 2021", "12 2021!")).toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("new.txt line 2: token '!' (token 8) was not in the training data"),
                unknown.err());
    }

    @Test
    void aResumedSeq2seqRunEndsWhereAStraightOneEnds() throws IOException {
        Path data = file("dates.tsv", SequenceExamples.dates(8, 40));
        String[] flags = {"--task", "seq2seq", "--data", data.toString(), "--lr-schedule", "step:1:0.7",
            "--early-stopping", "3", "--epochs", "3", "--validation", "0.25", "--layers", "2"};
        straightAndResumed(flags, "1", "pairs");
        assertSameCheckpoints("pairs");
    }

    @Test
    void aLanguageModelWithAScheduleAndEarlyStoppingResumesExactly() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append(List.of("the", "time", "machine", "moved", "slowly").get((i * 3 + i / 7) % 5)).append(' ');
        }
        Path corpus = file("text.txt", List.of(text.toString()));
        String[] flags = {"--text", corpus.toString(), "--steps", "5", "--lr-schedule", "step:1:0.5",
            "--early-stopping", "1", "--epochs", "4", "--generate", "0", "--plot", dir.resolve("p.svg").toString()};
        List<CliRun> runs = straightAndResumed(flags, "1", "lm");
        assertEquals(Checkpoints.read(dir.resolve("lm-straight.ckpt")).arrays(),
                Checkpoints.read(dir.resolve("lm-resumed.ckpt")).arrays());
        assertEquals(runs.get(0).out().lines().filter(l -> l.startsWith("best validation")).toList(),
                runs.get(1).out().lines().filter(l -> l.startsWith("best validation")).toList());
    }

    @Test
    void aResumedRunEndsWhereAStraightOneEnds() throws IOException {
        Path data = file("count.tsv", SequenceExamples.counting(7, 60));
        // A step schedule: a cosine's rates depend on --epochs, which the first half would change.
        String[] flags = {"--task", "classify", "--data", data.toString(), "--lr-schedule", "step:1:0.7",
            "--early-stopping", "3", "--epochs", "4", "--validation", "0.25"};
        straightAndResumed(flags, "2", "task");
        assertSameCheckpoints("task");
    }

    /** The straight and the resumed run of {@link #straightAndResumed} saved the same arrays and metadata. */
    private void assertSameCheckpoints(String name) {
        Checkpoint a = Checkpoints.read(dir.resolve(name + "-straight.ckpt"));
        Checkpoint b = Checkpoints.read(dir.resolve(name + "-resumed.ckpt"));
        assertEquals(a.arrays(), b.arrays());
        assertEquals(a.metadata(), b.metadata());
    }

    @Test
    void aMixedLengthsRunResumesExactlyAndOnlyWithTheFlag() throws IOException {
        Path data = file("count.tsv", SequenceExamples.counting(9, 60));
        String[] flags = {"--task", "classify", "--data", data.toString(), "--mixed-lengths", "--epochs", "3",
            "--validation", "0.25"};
        straightAndResumed(flags, "1", "mixed");
        Checkpoint a = Checkpoints.read(dir.resolve("mixed-straight.ckpt"));
        Checkpoint b = Checkpoints.read(dir.resolve("mixed-resumed.ckpt"));
        assertEquals("true", a.metadata().get("mixed_lengths"));
        assertEquals(a.arrays(), b.arrays());
        assertEquals(a.metadata(), b.metadata());
        CliRun refused = trainFailing("--task", "classify", "--data", data.toString(), "--epochs", "4",
                "--validation", "0.25", "--checkpoint", dir.resolve("mixed-resumed.ckpt").toString(), "--resume");
        assertEquals("unroll train: " + dir.resolve("mixed-resumed.ckpt") + " was trained with --mixed-lengths"
                + " (minibatches of nearby lengths), but this run does not give it; add --mixed-lengths to resume",
                refused.err().strip());
    }

    @Test
    void aCheckpointFromBeforeBatchingWasRecordedResumesWithoutMixedLengths() throws IOException {
        Path data = file("count.tsv", SequenceExamples.counting(11, 60));
        String[] flags = {"--task", "classify", "--data", data.toString(), "--epochs", "1", "--validation", "0.25"};
        List<String> first = new ArrayList<>(Arrays.asList(flags));
        Path old = dir.resolve("old.ckpt");
        first.addAll(List.of("--checkpoint", old.toString()));
        train(first.toArray(String[]::new));
        Checkpoint written = Checkpoints.read(old);
        assertEquals("false", written.metadata().get("mixed_lengths"));
        Map<String, String> before = new LinkedHashMap<>(written.metadata());
        before.remove("mixed_lengths");
        Checkpoints.write(old, new Checkpoint(before, written.arrays(), written.vocabulary()));
        CliRun mixed = trainFailing("--task", "classify", "--data", data.toString(), "--epochs", "2",
                "--validation", "0.25", "--mixed-lengths", "--checkpoint", old.toString(), "--resume");
        assertEquals("unroll train: " + old + " was trained without --mixed-lengths (minibatches of one length"
                + " each), but this run gives it; drop --mixed-lengths to resume", mixed.err().strip());
        CliRun resumed = train("--task", "classify", "--data", data.toString(), "--epochs", "2", "--validation",
                "0.25", "--checkpoint", old.toString(), "--resume");
        assertTrue(resumed.out().contains("resumed from " + old + " after epoch 1"), resumed.out());
        assertTrue(resumed.out().contains("epoch 2  loss "), resumed.out());
    }

    /**
     * Trains with {@code flags} straight into {@code NAME-straight.ckpt}, and for {@code firstEpochs} epochs then
     * resumed into {@code NAME-resumed.ckpt}; returns the straight and the resumed run.
     */
    private List<CliRun> straightAndResumed(String[] flags, String firstEpochs, String name) {
        List<String> straight = new ArrayList<>(Arrays.asList(flags));
        straight.addAll(List.of("--checkpoint", dir.resolve(name + "-straight.ckpt").toString()));
        CliRun whole = train(straight.toArray(String[]::new));
        String resumed = dir.resolve(name + "-resumed.ckpt").toString();
        List<String> first = new ArrayList<>(Arrays.asList(flags));
        first.addAll(List.of("--checkpoint", resumed));
        first.set(first.indexOf("--epochs") + 1, firstEpochs);
        train(first.toArray(String[]::new));
        List<String> second = new ArrayList<>(Arrays.asList(flags));
        second.addAll(List.of("--checkpoint", resumed, "--resume"));
        return List.of(whole, train(second.toArray(String[]::new)));
    }
}
