package dev.unroll.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.spark.sweep.Sweep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code sweep} command refuses bad grids and outputs before Spark starts, and runs a small sweep end to end. */
class SweepCommandTest {

    private static final String OPTIONS = "cell, hidden, layers, lr, optimizer, truncation, dropout, clip, epochs,"
            + " batch, steps, seed";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SparkJob.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("sweep", "--out", dir.resolve("out").toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(new String[0]));
    }

    private void refuses(String message, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(1, run(args), err.toString());
        assertEquals("unroll-spark sweep: " + message, err.toString().strip());
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        refuses("unknown sweep option 'hiden' in --grid entry 2 'hiden=8'; the options are " + OPTIONS,
                "--grid", "lr=1", "--grid", "hiden=8");
    }

    @Test
    void anInvalidValueIsNamedWithItsRule() {
        refuses("sweep option lr in --grid entry 1 'lr=1,0': the value must be finite and > 0, got 0",
                "--grid", "lr=1,0");
        refuses("sweep option hidden in --grid entry 1 'hidden=8,x' must be an integer, got 'x'",
                "--grid", "hidden=8,x");
    }

    @Test
    void anEmptyGridOrValueIsRefused() throws IOException {
        refuses("a sweep needs its grid either as --grid NAME=V1,V2 flags or as --grid-file FILE, but neither was"
                + " given; options: " + OPTIONS);
        refuses("sweep option lr in --grid entry 1 'lr=' has an empty value in ''; give values separated by single"
                + " commas, e.g. lr=1", "--grid", "lr=");
        Path file = Files.writeString(dir.resolve("grid.txt"), "# nothing yet\n\n");
        refuses("the sweep grid in " + file + " is empty; give at least one option, e.g. lr=0.5,1 (options: "
                + OPTIONS + ")", "--grid-file", file.toString());
    }

    @Test
    void aGridFileNamesTheLineOfAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("grid.txt"), "# a grid\ncell = lstm, gru\n\nlr = 1, fast\n");
        refuses("sweep option lr in " + file + " line 4 must be a number, got 'fast'", "--grid-file", file.toString());
    }

    @Test
    void aCombinationThatCannotTrainIsRefused() {
        refuses("sweep configuration 0 (cell=lstm hidden=256 layers=1 lr=1 optimizer=sgd truncation=fixed:50"
                + " dropout=0 clip=1 epochs=30 batch=32 steps=10 seed=42) is inconsistent: fixed truncation k = 50 is"
                + " longer than the sequence (T = 10); use k ≤ T, or full truncation",
                "--grid", "truncation=fixed:50", "--grid", "steps=10");
    }

    @Test
    void aSmallSweepWritesItsResultsAndRefusesToReplaceThemWithoutForce() throws IOException {
        // The command's getOrCreate finds this session, so the test keeps Spark's web UI off; the command stops it.
        SparkSession.builder().master("local[2,2]").appName("command test").config("spark.ui.enabled", "false")
                .getOrCreate();
        String[] grid = {"--grid", "cell=rnn,gru", "--grid", "hidden=8", "--grid", "epochs=1", "--grid", "batch=4",
            "--grid", "steps=8", "--max-chars", "3000"};
        assertEquals(0, run(grid), err.toString());
        Path results = dir.resolve("out").resolve(Sweep.RESULTS);
        assertEquals(3, Files.readAllLines(results).size());
        assertTrue(Files.exists(results.resolveSibling(Sweep.BEST)));
        assertTrue(out.toString().contains("best: config "), out.toString());
        refuses("the sweep's results file " + results.toAbsolutePath() + " exists already; choose another output"
                + " directory, or pass --force to replace it", grid);
    }
}
