package dev.unroll.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the training benchmarks and prints Markdown tables of medians: tokens/s, GFLOP/s and the ratio to the
 * hand-written LSTM measured in the same run. Sections (arguments; all when none is given):
 * {@code grid} ({rnn, lstm, gru, custom} × H ∈ {32, 128, 256, 512} × B ∈ {1, 32} × {float32, float64}),
 * {@code passes} (each pass turned off), {@code plain} (the plain-Java fallback, without the vector module), and,
 * only when asked for, {@code avx2} (the reference workloads with {@code -XX:UseAVX=2}: 256-bit vectors and
 * the AVX2 math stubs, as on the reference machine). {@code quick} shortens every measurement. {@code peers}, first,
 * hands the remaining arguments to {@link PeerTable} (Unroll against PyTorch and OpenBLAS, interleaved).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.unroll.bench.PerformanceTable</pre>
 */
public final class PerformanceTable {

    private static final String[] CELLS = {"rnn", "lstm", "gru", "custom"};
    private static final String[] HIDDEN = {"32", "128", "256", "512"};
    private static final String[] BATCH = {"1", "32"};

    private final boolean quick;
    private final StringBuilder summary = new StringBuilder();

    private PerformanceTable(boolean quick) {
        this.quick = quick;
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && "peers".equals(args[0])) {
            PeerTable.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        List<String> sections = new ArrayList<>(List.of(args));
        PerformanceTable table = new PerformanceTable(sections.remove("quick"));
        if (sections.isEmpty()) {
            sections = List.of("grid", "passes", "plain");
        }
        Map<String, Double> baseline = table.handwritten();
        for (String section : sections) {
            switch (section) {
                case "grid" -> table.grid(baseline);
                case "passes" -> table.passes(baseline);
                case "plain" -> table.plain(baseline);
                case "avx2" -> table.avx2(baseline);
                default -> throw new IllegalArgumentException("sections are grid, passes, plain, avx2 (and quick),"
                        + " got " + section);
            }
        }
        // JMH's log is long; the tables again, together, at the end.
        System.out.println();
        System.out.println("==== Summary (medians of the measurement iterations) ====");
        System.out.print(table.summary);
    }

    /** The hand-written LSTM's median step time by "H/B". */
    private Map<String, Double> handwritten() throws RunnerException {
        Map<String, Double> out = new TreeMap<>();
        for (RunResult r : run(options("HandwrittenBenchmark.handwritten").param("hidden", HIDDEN)
                .param("batch", BATCH))) {
            out.put(param(r, "hidden") + "/" + param(r, "batch"), median(r));
        }
        StringBuilder text = new StringBuilder("\n### The hand-written LSTM (float32, plain loops)\n\n");
        text.append("| H | B | ms/step | tokens/s | GFLOP/s |\n|---:|---:|---:|---:|---:|\n");
        out.forEach((key, ms) -> {
            int hidden = Integer.parseInt(key.split("/")[0]);
            int batch = Integer.parseInt(key.split("/")[1]);
            double tokens = batch * Workload.STEPS / (ms / 1e3);
            double flops = Workload.flopsPerToken(Workload.program("lstm", hidden));
            text.append(String.format(Locale.ROOT, "| %d | %d | %.3f | %,.0f | %.1f |%n", hidden, batch, ms, tokens,
                    tokens * flops / 1e9));
        });
        System.out.print(text);
        summary.append(text);
        return out;
    }

    private void grid(Map<String, Double> baseline) throws RunnerException {
        Collection<RunResult> results = run(options("TrainStepBenchmark.generated").param("cell", CELLS)
                .param("hidden", HIDDEN).param("batch", BATCH).param("dtype", "float32", "float64"));
        print("The grid (every pass, vector kernels)", results, baseline);
    }

    private void passes(Map<String, Double> baseline) throws RunnerException {
        Collection<RunResult> results = run(options("TrainStepBenchmark.generated").param("cell", "lstm")
                .param("hidden", "32", "256").param("batch", BATCH).param("dtype", "float32")
                .param("passes", "all", "-hoist", "-defer", "-transpose", "-fuse", "-merge", "none"));
        print("Each pass turned off (LSTM, float32)", results, baseline);
    }

    private void plain(Map<String, Double> baseline) throws RunnerException {
        Collection<RunResult> results = run(options("TrainStepBenchmark.generated").param("cell", "lstm")
                .param("hidden", "32", "256").param("batch", BATCH).param("dtype", "float32", "float64")
                .jvmArgsAppend("-Xss8m"));
        print("Plain-Java fallback (no --add-modules jdk.incubator.vector)", results, baseline);
    }

    private void avx2(Map<String, Double> baseline) throws RunnerException {
        String[] jvm = {"--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2"};
        List<RunResult> results = new ArrayList<>(run(options("TrainStepBenchmark.generated").param("cell", "lstm")
                .param("hidden", "32", "256").param("batch", BATCH).param("dtype", "float32", "float64")
                .jvmArgsAppend(jvm)));
        results.addAll(run(options("TrainStepBenchmark.generated").param("cell", "rnn", "gru", "custom")
                .param("hidden", "256").param("batch", "32").param("dtype", "float32").jvmArgsAppend(jvm)));
        print("AVX2 (-XX:UseAVX=2: 256-bit vectors)", results, baseline);
    }

    private void print(String title, Collection<RunResult> results, Map<String, Double> baseline) {
        StringBuilder out = new StringBuilder();
        out.append("\n### ").append(title).append("\n\n");
        out.append("| cell | H | B | dtype | passes | ms/step | tokens/s | GFLOP/s | × hand-written |\n");
        out.append("|---|---:|---:|---|---|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            String cell = param(r, "cell");
            int hidden = Integer.parseInt(param(r, "hidden"));
            int batch = Integer.parseInt(param(r, "batch"));
            double ms = median(r);
            double tokens = batch * Workload.STEPS / (ms / 1e3);
            double gflops = tokens * Workload.flopsPerToken(Workload.program(cell, hidden)) / 1e9;
            Double hand = baseline.get(hidden + "/" + batch);
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %.3f | %,.0f | %.1f | %s |%n",
                    cell, hidden, batch, param(r, "dtype"), param(r, "passes"), ms, tokens, gflops,
                    hand == null ? "" : String.format(Locale.ROOT, "%.1f", hand / ms)));
        }
        System.out.print(out);
        summary.append(out);
    }

    private ChainedOptionsBuilder options(String benchmark) {
        int iterations = quick ? 3 : 5;
        TimeValue time = TimeValue.seconds(quick ? 1 : 2);
        return new OptionsBuilder().include(benchmark + "$").warmupIterations(3).warmupTime(time)
                .measurementIterations(iterations).measurementTime(time).forks(1);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    private static String param(RunResult r, String name) {
        return r.getParams().getParam(name);
    }

    /** The median of the measurement iterations' scores (ms per step). */
    private static double median(RunResult r) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        scores.sort(null);
        int n = scores.size();
        return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
    }
}
