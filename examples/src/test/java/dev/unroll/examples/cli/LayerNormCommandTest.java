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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --layer-norm} end to end: it trains the layer-normalized LSTM or GRU, is recorded in checkpoints so that
 * generate, predict and resume rebuild the same model, a checkpoint from before the field loads as not normalized,
 * and cells without a normalized form are refused.
 */
class LayerNormCommandTest {

    @TempDir
    Path dir;

    private String[] lm(String epochs, String... more) {
        Path text = dir.resolve("text.txt");
        try {
            Files.writeString(text, "the time traveller smiled. the others laughed at him. ".repeat(40),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("train", "--text", text.toString(), "--hidden", "8", "--steps", "8",
                "--batch", "4", "--threads", "1", "--dtype", "float64", "--epochs", epochs, "--plot",
                dir.resolve("p.svg").toString(), "--generate", "12", "--prefix", "the "));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.out() + r.err());
        return r;
    }

    private static String refused(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.code(), r.out() + r.err());
        return r.err().strip();
    }

    private static String lastLine(String out) {
        List<String> lines = out.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aLayerNormalizedModelIsRecordedAndRebuiltByGenerateAndResume() {
        String ckpt = dir.resolve("ln.ckpt").toString();
        CliRun straight = ok(lm("2", "--layer-norm"));
        assertTrue(straight.out().contains("model 1-layer layer-normalized lstm, 8 hidden"), straight.out());
        CliRun first = ok(lm("1", "--layer-norm", "--checkpoint", ckpt));
        assertEquals("true", Checkpoints.read(Path.of(ckpt)).metadata().get("layer_norm"));
        CliRun generated = ok("generate", "--checkpoint", ckpt, "--generate", "12", "--prefix", "the ");
        assertEquals(lastLine(first.out()), lastLine(generated.out()));
        assertEquals("unroll train: " + ckpt + " was trained with --layer-norm, but this run does not give it; add"
                + " --layer-norm to resume", refused(lm("2", "--checkpoint", ckpt, "--resume")));
        CliRun resumed = ok(lm("2", "--layer-norm", "--checkpoint", ckpt, "--resume"));
        assertEquals(epoch(straight.out(), 2), epoch(resumed.out(), 2));
    }

    @Test
    void aCheckpointFromBeforeTheFieldIsNotNormalized() {
        Path old = dir.resolve("old.ckpt");
        CliRun first = ok(lm("1", "--cell", "gru", "--checkpoint", old.toString()));
        Checkpoint written = Checkpoints.read(old);
        assertEquals("false", written.metadata().get("layer_norm"));
        Map<String, String> before = new LinkedHashMap<>(written.metadata());
        before.remove("layer_norm");
        Checkpoints.write(old, new Checkpoint(before, written.arrays(), written.vocabulary()));
        CliRun generated = ok("generate", "--checkpoint", old.toString(), "--generate", "12", "--prefix", "the ");
        assertEquals(lastLine(first.out()), lastLine(generated.out()));
        assertEquals("unroll train: " + old + " was trained without --layer-norm, but this run gives it; drop"
                + " --layer-norm to resume", refused(lm("2", "--cell", "gru", "--layer-norm", "--checkpoint",
                old.toString(), "--resume")));
        assertTrue(ok(lm("2", "--cell", "gru", "--checkpoint", old.toString(), "--resume")).out()
                .contains("epoch 2  perplexity "));
    }

    @Test
    void aLayerNormalizedClassifierPredicts() throws IOException {
        Path data = dir.resolve("count.tsv");
        Files.writeString(data, String.join("\n", SequenceExamples.counting(5, 40)) + "\n", StandardCharsets.UTF_8);
        String model = dir.resolve("m.ckpt").toString();
        ok("train", "--task", "classify", "--data", data.toString(), "--cell", "gru", "--layer-norm",
                "--bidirectional", "--hidden", "4", "--batch", "8", "--epochs", "1", "--checkpoint", model);
        assertEquals("true", Checkpoints.read(Path.of(model)).metadata().get("layer_norm"));
        CliRun p = ok("predict", "--model", model, "--data", data.toString());
        assertEquals(40, p.out().lines().count());
    }

    @Test
    void aCellWithoutANormalizedFormIsRefused() {
        assertEquals("unroll train: --layer-norm normalizes the built-in lstm and gru cells, not --cell rnn; use"
                + " --cell lstm or gru, or drop --layer-norm (a cell of your own can normalize itself with"
                + " CellBuilder.layerNorm)", refused(lm("1", "--cell", "rnn", "--layer-norm")));
    }

    @Test
    void seq2seqRefusesLayerNormalization() throws IOException {
        Path data = dir.resolve("dates.tsv");
        Files.writeString(data, String.join("\n", SequenceExamples.dates(5, 20)) + "\n", StandardCharsets.UTF_8);
        assertEquals("unroll train: --layer-norm is not available for --task seq2seq: the decoder's first layer reads"
                + " the encoder's context through a cell that has no layer-normalized form; drop --layer-norm",
                refused("train", "--task", "seq2seq", "--data", data.toString(), "--layer-norm", "--hidden", "4",
                        "--epochs", "1"));
    }

    @Test
    void gradcheckPassesForAStackedBidirectionalLayerNormalizedModel() {
        CliRun r = ok("gradcheck", "--cell", "lstm", "--layer-norm", "--hidden", "2", "--layers", "2",
                "--bidirectional", "--vocab", "3", "--steps", "3", "--batch", "2");
        assertTrue(r.out().contains("model 2-layer bidirectional layer-normalized lstm"), r.out());
        assertTrue(r.out().contains("gradcheck passed"), r.out());
    }

    private static String epoch(String out, int epoch) {
        return out.lines().filter(l -> l.startsWith("epoch " + epoch + "  ")).findFirst().orElseThrow()
                .replaceAll("\\s+\\d+ tokens/s.*", "");
    }
}
