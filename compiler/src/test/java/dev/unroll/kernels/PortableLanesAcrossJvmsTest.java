package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels give the same bits whatever runs them: this JVM once the JIT has compiled them with C2 (at its
 * default vector width), a JVM that only interprets ({@code -Xint}, where the vector API computes lane by lane in
 * Java), one that stops at C1, and, on x86, one restricted to AVX2 (256-bit vectors) and one to 128-bit vectors, both
 * compiled. The JVMs print {@link LaneDigest}s of all eight functions on the same inputs.
 */
class PortableLanesAcrossJvmsTest {

    private static final boolean X86 = List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));

    @BeforeAll
    static void onTheVectorPathOnly() {
        assumeTrue(Acceleration.VECTOR, "the vector module is absent: ArrayMath runs the plain path");
    }

    @Test
    void interpretedC1AndNarrowerVectorsGiveTheCompiledBits() throws Exception {
        LaneDigest.warmUp();
        List<String> here = LaneDigest.lines();
        List<List<String>> flagSets = new ArrayList<>(List.of(List.of("-Xint"), List.of("-XX:TieredStopAtLevel=1")));
        if (X86) {
            flagSets.add(List.of("-XX:UseAVX=2", "warm"));
            flagSets.add(List.of("-XX:MaxVectorSize=16", "warm"));
        }
        for (List<String> flags : flagSets) {
            List<String> there = run(flags);
            assertEquals(here, there.subList(1, there.size()), "digests with " + flags + " (" + there.get(0)
                    + ") against this JVM's (" + Acceleration.describe() + ")");
        }
    }

    private static List<String> run(List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", Acceleration.MODULE, "-cp", System.getProperty("java.class.path")));
        flags.stream().filter(f -> f.startsWith("-")).forEach(command::add);
        command.add(LaneDigest.class.getName());
        flags.stream().filter(f -> !f.startsWith("-")).forEach(command::add);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.format(Locale.ROOT, "%s failed (exit %s): %s", command,
                    p.isAlive() ? "timed out" : p.exitValue(), out));
        }
        return out.lines().toList();
    }
}
