package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-javac path end to end, as docs/DEPLOY.md shows it: kernels generated with {@code unroll aot} and compiled,
 * a runtime image made by jlink without {@code jdk.compiler}, and on it the command line trains a few steps, saves a
 * checkpoint and generates from it; without the kernels it refuses, saying why. Skipped where the JDK has no jlink.
 */
class JreImageTest {

    private static final String MODULES = "java.base,java.compiler,jdk.incubator.vector";

    private static final String TEXT = "the quick brown fox jumps over the lazy dog\n"
            + "pack my box with five dozen liquor jugs\n";

    @TempDir
    Path dir;

    @Test
    void theCommandLineTrainsAndGeneratesOnAnImageWithoutJavac() throws IOException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        Assumptions.assumeTrue(Files.isExecutable(jlink), "no jlink at " + jlink + ": this JDK cannot make the"
                + " runtime image; docs/DEPLOY.md shows the run by hand");
        CliRun aot = CliRun.of("aot", "--out", dir.resolve("src").toString(), "--hidden", "8", "--steps", "16",
                "--batch", "4");
        assertEquals(0, aot.code(), aot.err());
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Subprocess.javac(dir.resolve("src"), classes);
        Path image = dir.resolve("image");
        Subprocess made = Subprocess.run(List.of(jlink.toString(), "--add-modules", MODULES, "--no-header-files",
                "--no-man-pages", "--output", image.toString()), Map.of(), 300);
        assertEquals(0, made.code(), made.output());
        Subprocess modules = java(image, "--list-modules");
        assertTrue(modules.output().contains("java.compiler@") && !modules.output().contains("jdk.compiler"),
                modules.output());
        Files.writeString(dir.resolve("text.txt"), TEXT.repeat(40));

        Subprocess train = unroll(image, classes, "train", "--text", dir.resolve("text.txt").toString(), "--hidden",
                "8", "--steps", "16", "--batch", "4", "--epochs", "2", "--threads", "1", "--checkpoint",
                dir.resolve("lm.ckpt").toString(), "--plot", dir.resolve("plot.svg").toString());
        assertEquals(0, train.code(), train.output());
        assertTrue(train.output().contains("epoch 2 "), train.output());
        assertTrue(train.output().contains("loaded precompiled FLOAT32 kernels (dev.unroll.aot) in"), train.output());
        Subprocess generate = unroll(image, classes, "generate", "--checkpoint", dir.resolve("lm.ckpt").toString(),
                "--prefix", "the ", "--generate", "20");
        assertEquals(0, generate.code(), generate.output());
        assertTrue(generate.output().lines().anyMatch(l -> l.startsWith("the ") && l.length() == 24),
                generate.output());

        Subprocess without = unroll(image, null, "train", "--text", dir.resolve("text.txt").toString(), "--hidden",
                "8", "--steps", "16", "--batch", "4", "--epochs", "1");
        assertEquals(1, without.code(), without.output());
        assertTrue(without.output().contains("unroll train: no javac in this runtime"), without.output());
        assertFalse(without.output().contains("Exception"), without.output());
    }

    private static Subprocess unroll(Path image, Path classes, String... args) {
        String classPath = Subprocess.classPath() + (classes == null ? "" : File.pathSeparator + classes);
        List<String> command = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-cp", classPath,
                UnrollCommand.class.getName()));
        command.addAll(List.of(args));
        return java(image, command.toArray(String[]::new));
    }

    private static Subprocess java(Path image, String... args) {
        List<String> command = new ArrayList<>(List.of(image.resolve("bin/java").toString()));
        command.addAll(List.of(args));
        return Subprocess.run(command, Map.of(), 300);
    }
}
