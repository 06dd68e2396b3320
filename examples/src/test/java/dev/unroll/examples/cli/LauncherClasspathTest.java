package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./unroll} reaches a user's own cell class through {@code --classpath} or
 * {@code UNROLL_CLASSPATH}. It runs from a copy of the project's layout whose {@code unroll.jar} is a manifest
 * naming this build's classes, so the script runs as it is, without building the real jar.
 */
class LauncherClasspathTest {

    private static final String CELL = """
            package com.example;

            import dev.unroll.dsl.Cell;

            public final class TinyCell {
                public static Cell cell(int inputSize, int hidden) {
                    return Cell.define("tiny", c -> {
                        var x = c.input("x", inputSize);
                        var h = c.state("h", hidden);
                        var next = c.affine("a", hidden, x, h).tanh().as("H");
                        c.next(h, next).output("y", next);
                    });
                }
            }
            """;

    @TempDir
    Path dir;

    private Path launcher;
    private Path userClasses;

    @BeforeEach
    void layOutTheProjectAndTheUsersClasses() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project/examples/target"));
        launcher = dir.resolve("project/unroll");
        Files.copy(Path.of("..", "unroll"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(
                Subprocess.classPath().split(File.pathSeparator)).map(e -> Path.of(e).toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(project.resolve("unroll.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Path sources = Files.createDirectories(dir.resolve("user/src/com/example"));
        Files.writeString(sources.resolve("TinyCell.java"), CELL);
        userClasses = Files.createDirectories(dir.resolve("user/classes"));
        Subprocess.javac(dir.resolve("user/src"), userClasses);
    }

    private Subprocess unroll(Map<String, String> env, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        Map<String, String> withJava = new java.util.HashMap<>(env);
        withJava.put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
                + System.getenv("PATH"));
        return Subprocess.run(command, withJava, 120);
    }

    private static final String[] PRINT = {"inspect", "--cell", "com.example.TinyCell", "--hidden", "2", "--vocab",
        "3", "--cell-only", "--print", "forward"};

    @Test
    void withoutTheUsersClassPathTheCellIsNotFound() {
        Subprocess r = unroll(Map.of(), PRINT);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("--cell com.example.TinyCell: not rnn, lstm, gru or gru-torch, and no class of"
                + " that name is on the class path"), r.output());
    }

    @Test
    void classpathAnywhereOnTheLineReachesTheUsersCell() {
        String[] args = new String[PRINT.length + 2];
        System.arraycopy(PRINT, 0, args, 0, 3);
        args[3] = "--classpath";
        args[4] = userClasses.toString();
        System.arraycopy(PRINT, 3, args, 5, PRINT.length - 3);
        Subprocess r = unroll(Map.of(), args);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("cell tiny {") && r.output().contains("# H"), r.output());
    }

    @Test
    void theEnvironmentVariableReachesTheUsersCell() {
        Subprocess r = unroll(Map.of("UNROLL_CLASSPATH", userClasses.toString()), PRINT);
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("cell tiny {"), r.output());
    }

    @Test
    void aClasspathFlagWithoutValueIsRefused() {
        Subprocess r = unroll(Map.of(), "inspect", "--classpath");
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("unroll: --classpath needs a value"), r.output());
    }
}
