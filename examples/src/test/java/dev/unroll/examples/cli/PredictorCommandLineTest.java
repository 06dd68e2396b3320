package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.inference.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by {@code unroll train}, training state and all, load through the inference API, which gives
 * what {@code generate} and {@code predict} print.
 */
class PredictorCommandLineTest {

    @TempDir
    Path dir;

    @Test
    void aTrainedLanguageModelGeneratesFromJavaAsFromTheCommandLine() throws IOException {
        Path text = Files.writeString(dir.resolve("tiny.txt"), ("the time traveller said that the machine was"
                + " ready and it was time to travel ").repeat(8));
        Path ckpt = dir.resolve("lm.ckpt");
        ok("train", "--text", text.toString(), "--cell", "gru", "--hidden", "6", "--steps", "5", "--batch", "4",
                "--epochs", "1", "--threads", "1", "--checkpoint", ckpt.toString(), "--plot",
                dir.resolve("p.svg").toString(), "--generate", "1");
        Predictor predictor = Predictor.load(ckpt);
        assertEquals(ModelDescription.Kind.LANGUAGE_MODEL, predictor.description().kind());
        assertEquals("1-layer gru, 6 hidden, vocabulary " + predictor.description().vocabulary().size(),
                predictor.description().describe());
        String printed = ok("generate", "--checkpoint", ckpt.toString(), "--prefix", "the ", "--generate", "12",
                "--temperature", "0.7", "--sample-seed", "5").replaceFirst("\\R$", "");
        assertEquals(printed, predictor.generate("the ", 12, 0.7, 5));
    }

    @Test
    void aTrainedClassifierPredictsFromJavaAsFromTheCommandLine() throws IOException {
        Path data = Files.writeString(dir.resolve("train.tsv"), "ab\tA\nba\tB\naab\tA\nbba\tB\nabb\tA\nbab\tB\n"
                .repeat(3));
        Path ckpt = dir.resolve("m.ckpt");
        ok("train", "--task", "classify", "--data", data.toString(), "--hidden", "4", "--epochs", "2", "--batch",
                "3", "--threads", "1", "--early-stopping", "1", "--checkpoint", ckpt.toString(), "--plot",
                dir.resolve("p.svg").toString());
        List<String> lines = List.of("ab", "bba", "aab", "b");
        Path input = Files.write(dir.resolve("new.tsv"), lines);
        String printed = ok("predict", "--model", ckpt.toString(), "--data", input.toString());
        assertEquals(printed.strip(), String.join("\n", Predictor.load(ckpt).predict(lines)));
    }

    private static String ok(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), run.err());
        return run.out();
    }
}
