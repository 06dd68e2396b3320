package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's misuse table: every row is a mistake a user can make, and each must end with one clear line
 * on standard error, exit code 1, no stack trace, and every file that was there before (the training text, an
 * earlier checkpoint, an earlier plot) byte-identical afterwards, with no new file beside them.
 */
class MisuseTest {

    @TempDir
    static Path dir;

    /** {@code {dir}} in an argument is replaced with the folder holding the text, a good checkpoint and a plot. */
    private record Row(String name, String message, String... args) {
    }

    /** The flags the good checkpoint was trained with; a resume must repeat them. */
    private static final String[] MODEL = {"--hidden", "8", "--steps", "5", "--batch", "4", "--threads", "1",
        "--text", "{dir}/demo.txt"};

    @BeforeAll
    static void aTextAGoodCheckpointAndAnEarlierPlot() throws IOException {
        StringBuilder text = new StringBuilder();
        String[] words = {"the", "time", "traveller", "smiled", "and", "machine", "moved", "slowly", "away"};
        for (int i = 0; i < 2000; i++) {
            text.append(words[(i * 7 + i / 9) % words.length]).append(i % 11 == 10 ? ".\n" : " ");
        }
        Files.writeString(dir.resolve("demo.txt"), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("old.svg"), "<svg>an earlier plot</svg>\n", StandardCharsets.UTF_8);
        Files.createDirectory(dir.resolve("folder"));
        Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("demo.txt"));
        CliRun good = CliRun.of(args(concat(concat(new String[] {"train"}, MODEL), "--epochs", "1", "--checkpoint", "{dir}/good.ckpt", "--plot",
                "{dir}/good.svg", "--generate", "3")));
        assertEquals(0, good.code(), good.out() + good.err());
        TaskFiles.write(dir);
        CliRun task = CliRun.of(args("train", "--task", "classify", "--data", "{dir}/count.tsv", "--hidden", "4",
                "--epochs", "1", "--batch", "8", "--threads", "1", "--checkpoint", "{dir}/task.ckpt"));
        assertEquals(0, task.code(), task.out() + task.err());
    }

    @TestFactory
    Stream<DynamicTest> everyMisuseIsOneClearErrorAndLosesNoData() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> check(row)));
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.addAll(collidingPaths());
        rows.addAll(divergence());
        rows.addAll(lateFlags());
        rows.addAll(rawExceptions());
        rows.addAll(ranges());
        rows.addAll(TaskFiles.misuse().stream().map(r -> command(r.get(0), r.get(1),
                r.subList(2, r.size()).toArray(String[]::new))).toList());
        return rows;
    }

    private static List<Row> collidingPaths() {
        return List.of(
                row("checkpoint over the text", "--checkpoint {dir}/demo.txt is the same file as --text {dir}/demo.txt;"
                        + " writing it would destroy the input", "--checkpoint", "{dir}/demo.txt"),
                row("plot over the text", "--plot {dir}/demo.txt is the same file as --text", "--plot",
                        "{dir}/demo.txt"),
                row("npz over the text", "--npz {dir}/demo.txt is the same file as --text", "--npz", "{dir}/demo.txt"),
                row("grad-norm log over the text", "--log-grad-norm {dir}/demo.txt is the same file as --text",
                        "--log-grad-norm", "{dir}/demo.txt"),
                row("plot over the text through a symbolic link", "--plot {dir}/link.txt is the same file as --text",
                        "--plot", "{dir}/link.txt"),
                row("checkpoint and plot on one path", "--plot {dir}/a.out is the same file as --checkpoint {dir}/a.out;"
                        + " one result would overwrite the other", "--checkpoint", "{dir}/a.out", "--plot",
                        "{dir}/a.out"),
                row("npz and checkpoint spelled differently", "--npz {dir}/folder/../x.ckpt is the same file as"
                        + " --checkpoint {dir}/x.ckpt", "--checkpoint", "{dir}/x.ckpt", "--npz",
                        "{dir}/folder/../x.ckpt"),
                row("plot over an earlier checkpoint", "--plot {dir}/good.ckpt is the same file as --checkpoint"
                        + " {dir}/good.ckpt", "--checkpoint", "{dir}/good.ckpt", "--plot", "{dir}/good.ckpt"));
    }

    private static List<Row> divergence() {
        return List.of(
                row("resuming a good checkpoint with an absurd learning rate", "training diverged in epoch 2 at"
                        + " minibatch", "--epochs", "2", "--checkpoint", "{dir}/good.ckpt", "--resume", "--lr", "1e6",
                        "--clip", "0"),
                resumeRow(),
                row("an exploding rnn (finite but absurd perplexity)", "exceeds the divergence bound", "--cell", "rnn",
                        "--lr", "50", "--clip", "0", "--epochs", "3"));
    }

    /** The divergence message names the checkpoint that still holds the last good state. */
    private static Row resumeRow() {
        return row("the divergence names the last good checkpoint", "The last good state, after epoch 1, is in"
                + " --checkpoint {dir}/good.ckpt; nothing after it was written", "--epochs", "3", "--checkpoint",
                "{dir}/good.ckpt", "--resume", "--lr", "1e6", "--clip", "0");
    }

    private static List<Row> lateFlags() {
        return List.of(
                row("negative --generate", "--generate must be an integer from 0 to 100000, got -1", "--generate",
                        "-1"),
                row("negative --temperature", "--temperature must be a finite number ≥ 0, got -1", "--temperature",
                        "-1"),
                row("infinite --temperature", "--temperature must be a finite number ≥ 0, got Infinity",
                        "--temperature", "Infinity"),
                row("plot under a file", "--plot {dir}/demo.txt/p.svg cannot be written: {dir}/demo.txt is a file, not"
                        + " a folder", "--plot", "{dir}/demo.txt/p.svg"),
                row("checkpoint under a file", "--checkpoint {dir}/old.svg/c/x.ckpt cannot be written",
                        "--checkpoint", "{dir}/old.svg/c/x.ckpt"),
                row("checkpoint is a folder", "--checkpoint {dir}/folder is a folder; give a file name",
                        "--checkpoint", "{dir}/folder"),
                row("a prefix without word tokens", "--prefix '123' has no tokens after lecture preprocessing",
                        "--tokens", "words", "--prefix", "123"),
                row("--resume without --checkpoint", "--resume needs --checkpoint FILE", "--resume"),
                row("--mixed-lengths on a language model", "--mixed-lengths batches the sequences of --task classify,"
                        + " label or regress; --task lm reads windows of one length", "--mixed-lengths"),
                row("an unknown built-in corpus", "--corpus must be one of [timemachine, journal], got 'novel'",
                        "--corpus", "novel"));
    }

    private static List<Row> rawExceptions() {
        return List.of(
                row("overflowing --hidden", "--hidden must be an integer from 1 to 16384, got 2147483647", "--hidden",
                        "2147483647"),
                command("generate more tokens than memory holds", "--generate must be an integer from 0 to 100000,"
                        + " got 2000000000", "generate", "--checkpoint", "{dir}/good.ckpt", "--generate",
                        "2000000000"),
                row("a cell class returning null", "--cell dev.unroll.examples.cli.MisbehavingCells$ReturnsNull:"
                        + " cell(18, 8) returned null", "--cell", "dev.unroll.examples.cli.MisbehavingCells$ReturnsNull"),
                row("a cell class whose static initializer fails", "--cell"
                        + " dev.unroll.examples.cli.MisbehavingCells$FailsToLoad: the class cannot be loaded:"
                        + " java.lang.NumberFormatException", "--cell",
                        "dev.unroll.examples.cli.MisbehavingCells$FailsToLoad"),
                // An LSTM over the text's 18 tokens: 4 gates of (18 + H + 1) × H, and a head of (H + 1) × 18.
                row("a model larger than the heap", String.format(Locale.ROOT, "has %,d parameters and needs"
                        + " at least", 4L * (18 + 16384 + 1) * 16384 + (16384 + 1) * 18L), "--hidden", "16384",
                        "--threads", "256", "--batch", "256"),
                command("a truncation longer than the gradcheck sequence", "--truncation fixed:9 is longer than the"
                        + " sequence (--steps 4)", "gradcheck", "--hidden", "2", "--truncation", "fixed:9"),
                command("inspect into a file", "--out {dir}/demo.txt is a file; give a folder", "inspect", "--out",
                        "{dir}/demo.txt"));
    }

    private static List<Row> ranges() {
        return List.of(
                command("demo without steps", "--steps must be an integer from 1 to 1000, got 0", "demo", "--steps",
                        "0"),
                command("lunch without iterations", "--iterations must be an integer from 1 to 1000000, got 0",
                        "lunch", "--iterations", "0"),
                command("lunch with too short a record", "--days must be an integer from 21 to 10000000, got 5",
                        "lunch", "--days", "5"),
                row("zero learning rate", "--lr must be a finite number > 0, got 0", "--lr", "0"),
                row("NaN learning rate", "--lr must be a finite number > 0, got NaN", "--lr", "NaN"),
                row("negative clipping", "--clip must be a finite number ≥ 0, got -1", "--clip", "-1"),
                row("zero epochs", "--epochs must be an integer from 1 to 1000000, got 0", "--epochs", "0"),
                row("zero layers", "--layers must be an integer from 1 to 64, got 0", "--layers", "0"),
                row("a negative embedding", "--embedding must be an integer from 0 to 16384, got -1", "--embedding",
                        "-1"),
                row("too many threads", "--threads must be an integer from 0 to 256, got 100000", "--threads",
                        "100000"),
                row("all of the text for validation", "--validation must be ≥ 0 and < 1, got 1", "--validation", "1"),
                row("zero minimum frequency", "--min-freq must be an integer from 1 to", "--min-freq", "0"),
                row("a divergence factor below 1", "--max-perplexity-factor must be ≥ 1", "--max-perplexity-factor",
                        "0.5"),
                command("a zero gradcheck tolerance", "--tolerance must be a finite number > 0, got 0", "gradcheck",
                        "--tolerance", "0"));
    }

    /**
     * A {@code train} row on the small model and text ({@code flags} override those of {@link #MODEL}), with the
     * plot kept inside the folder.
     */
    private static Row row(String name, String message, String... flags) {
        List<String> given = Arrays.asList(flags);
        List<String> args = new ArrayList<>(List.of("train"));
        for (int i = 0; i < MODEL.length; i += 2) {
            if (!given.contains(MODEL[i])) {
                args.addAll(List.of(MODEL[i], MODEL[i + 1]));
            }
        }
        if (!given.contains("--plot")) {
            args.addAll(List.of("--plot", "{dir}/new.svg"));
        }
        args.addAll(given);
        return new Row(name, message, args.toArray(String[]::new));
    }

    /** A row of another command. */
    private static Row command(String name, String message, String... args) {
        return new Row(name, message, args);
    }

    private static void check(Row row) {
        Map<String, String> before = snapshot();
        CliRun r = CliRun.of(args(row.args()));
        String err = r.err().strip();
        assertEquals(1, r.code(), row.name() + ": " + r.out() + err);
        assertTrue(err.contains(row.message().replace("{dir}", dir.toString())), row.name() + ": " + err);
        assertTrue(err.startsWith("unroll "), err);
        assertFalse(err.contains("\n") || err.contains("\tat "), "one line, no stack trace: " + err);
        assertEquals(before, snapshot(), row.name() + ": every file is as it was and no file was added");
    }

    /** Every file below the folder (symbolic links as such) with its content, in name order. */
    private static Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> !Files.isDirectory(p) || Files.isSymbolicLink(p)).forEach(p -> files.put(
                    dir.relativize(p).toString(), content(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String content(Path p) {
        try {
            return Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                    : HexFormat.of().formatHex(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] args(String... template) {
        return Arrays.stream(template).map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
