package dev.unroll.bench;

import dev.unroll.kernels.Acceleration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a measurement ran on, from {@code /proc/cpuinfo} and {@code /proc/loadavg}: the CPU model, its widest vector
 * instruction set, the cores, the JVM's vector path and the load, so that no figure is printed without them.
 */
final class Machine {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private Machine() {
    }

    /** One line: CPU model (family and model), ISA, cores, Java version and vector path. */
    static String describe() {
        List<String> lines = cpuinfo();
        String family = field(lines, "cpu family");
        String model = field(lines, "model");
        return String.format(Locale.ROOT, "CPU %s (family %s, model %s), %s, %d cores; Java %s, %s",
                field(lines, "model name"), family, model, isa(field(lines, "flags")),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Acceleration.describe());
    }

    /** The widest vector instruction set among the CPU flags: AVX-512 (with F), AVX2, AVX or SSE only. */
    static String isa(String flags) {
        List<String> set = List.of(flags.split("\\s+"));
        if (set.contains("avx512f")) {
            return "AVX-512";
        }
        if (set.contains("avx2")) {
            return "AVX2";
        }
        return set.contains("avx") ? "AVX" : "SSE only";
    }

    /** The load averages over 1, 5 and 15 minutes, as {@code uptime} prints them. */
    static String load() {
        try {
            String[] words = Files.readString(LOADAVG).trim().split("\\s+");
            return "load " + words[0] + ", " + words[1] + ", " + words[2];
        } catch (IOException e) {
            return "load unknown (" + LOADAVG + ": " + e.getMessage() + ")";
        }
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(CPUINFO);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first value of {@code name} in {@code /proc/cpuinfo}'s lines, or "?" when the file or field is missing. */
    private static String field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "?";
    }
}
