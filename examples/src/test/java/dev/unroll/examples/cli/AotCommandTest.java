package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unroll aot}: one stamped class per scan, from model flags or from a checkpoint, in the given package. */
class AotCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesOneStampedClassPerScanIntoThePackagesFolder() throws IOException {
        CliRun r = CliRun.of("aot", "--out", dir.toString(), "--package", "com.example.kernels", "--cell", "gru",
                "--hidden", "3", "--vocab", "5", "--bidirectional", "--dtype", "float64");
        assertEquals(0, r.code(), r.err());
        Path pkg = dir.resolve("com/example/kernels");
        try (var files = Files.list(pkg)) {
            assertEquals(3, files.count(), r.out());
        }
        String head = Files.readString(pkg.resolve("HeadFloat64Kernel.java"));
        assertTrue(head.startsWith("package com.example.kernels;"), head);
        assertTrue(head.contains("public static final String AOT_GENERATED_BY = \"unroll aot --out " + dir
                + " --package com.example.kernels --cell gru --hidden 3 --vocab 5 --bidirectional --dtype"
                + " float64\";"), head);
        assertTrue(head.matches("(?s).*AOT_FINGERPRINT = \"[0-9a-f]{64}\".*"), head);
        assertTrue(r.out().endsWith("3 kernel classes in package com.example.kernels, float64, at most 35 steps of"
                + " 32 rows, stamped for Unroll " + dev.unroll.runtime.UnrollVersion.current() + "\n"), r.out());
    }

    @Test
    void aCheckpointGivesTheKernelsOfItsModel() throws IOException {
        Files.writeString(dir.resolve("text.txt"), "the quick brown fox jumps over the lazy dog\n".repeat(30));
        CliRun train = CliRun.of("train", "--text", dir.resolve("text.txt").toString(), "--hidden", "4", "--steps",
                "8", "--batch", "2", "--epochs", "1", "--threads", "1", "--dtype", "float64", "--checkpoint",
                dir.resolve("lm.ckpt").toString(), "--plot", dir.resolve("plot.svg").toString());
        assertEquals(0, train.code(), train.err());
        CliRun fromCheckpoint = CliRun.of("aot", "--out", dir.resolve("a").toString(), "--checkpoint",
                dir.resolve("lm.ckpt").toString());
        assertEquals(0, fromCheckpoint.code(), fromCheckpoint.err());
        CliRun fromFlags = CliRun.of("aot", "--out", dir.resolve("b").toString(), "--hidden", "4", "--dtype",
                "float64");
        assertEquals(0, fromFlags.code(), fromFlags.err());
        Path kernel = Path.of("dev/unroll/aot/ModelFloat64Kernel.java");
        assertEquals(fingerprint(dir.resolve("b").resolve(kernel)), fingerprint(dir.resolve("a").resolve(kernel)));
    }

    private static String fingerprint(Path source) throws IOException {
        return Files.readString(source).lines().filter(l -> l.contains("AOT_FINGERPRINT =")).findFirst().orElseThrow();
    }

    @Test
    void modelFlagsBesideACheckpointAreRefused() {
        CliRun r = CliRun.of("aot", "--out", dir.toString(), "--checkpoint", "lm.ckpt", "--hidden", "4");
        assertEquals(1, r.code());
        assertEquals("unroll aot: --hidden cannot be given with --checkpoint, which defines the model and its dtype;"
                + " drop --hidden, or drop --checkpoint to use the model flags", r.err().strip());
    }
}
