package dev.unroll.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/** What the tests of deployment run outside this JVM: another program, and javac over a user's sources. */
record Subprocess(int code, String output) {

    /** Runs {@code command} with {@code env} added, output and errors merged; fails after {@code seconds}. */
    static Subprocess run(List<String> command, Map<String, String> env, long seconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Path log = Files.createTempFile("unroll-subprocess-", ".log");
            Process p = pb.redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " ran longer than " + seconds + " s: " + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Subprocess(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** This test JVM's class path (the classes of every module and their dependencies). */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    /** Compiles every {@code .java} file under {@code sources} into {@code classes} against this class path. */
    static void javac(Path sources, Path classes) {
        try (var files = Files.walk(sources)) {
            List<String> args = new ArrayList<>(List.of("-proc:none", "-Xlint:none", "-d", classes.toString(),
                    "-classpath", classPath()));
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new AssertionError("javac failed (" + rc + ") on " + args);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
