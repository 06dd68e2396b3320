package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inspection and checking commands, and how the command line reports bad input. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void inspectWritesListingsDrawingsAndGeneratedJava() {
        CliRun r = run("inspect", "--cell", "gru", "--hidden", "3", "--vocab", "4", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"model.ir.txt", "model.dot", "model.adjoint.ir.txt", "model.adjoint.dot",
            "model.optimized.txt",
            "java/dev/unroll/generated/ModelFloat32Kernel.java"}) {
            assertTrue(Files.exists(dir.resolve(f)), f + " in " + r.out());
        }
    }

    @Test
    void inspectPrintsTheAdjointOfTheBareLstm() {
        CliRun r = run("inspect", "--cell", "lstm", "--hidden", "2", "--vocab", "3", "--print", "adjoint",
                "--cell-only");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("cell d__lstm {"), r.out());
        assertTrue(r.out().contains("next d__h = %") && r.out().contains("next d__c = %")
                && r.out().contains("out g__W_hf"), r.out());
    }

    @Test
    void gradcheckPassesForACustomCellInADeepBidirectionalModel() {
        CliRun r = run("gradcheck", "--cell", "dev.unroll.examples.cells.PeepholeLstm", "--hidden", "2", "--layers",
                "2", "--bidirectional");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("gradcheck passed"), r.out());
    }

    @Test
    void badInputIsOneClearMessageAndExitCodeOne() {
        assertEquals("unroll train: --truncation must be full, fixed:K (K ≥ 1 steps) or random:π (0 < π ≤ 1), got"
                + " 'fixed:x'", run("train", "--truncation", "fixed:x").err().strip());
        assertEquals("unroll train: fixed truncation k = 50 is longer than the sequence (T = 35); use k ≤ T, or full"
                + " truncation", run("train", "--truncation", "fixed:50").err().strip());
        assertEquals("unroll inspect: --cell nope: not rnn, lstm, gru or gru-torch, and no class of that name is on"
                + " the class path; give a fully qualified class name with a static cell(int, int) method",
                run("inspect", "--cell", "nope", "--print", "forward").err().strip());
        CliRun missing = run("train", "--text", dir.resolve("absent.txt").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("absent.txt"), missing.err());
    }

    @Test
    void picocliRejectsMalformedNumbers() {
        CliRun r = run("train", "--hidden", "many");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Invalid value for option '--hidden': 'many' is not an int"), r.err());
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
