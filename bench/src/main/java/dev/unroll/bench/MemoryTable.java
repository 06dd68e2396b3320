package dev.unroll.bench;

import dev.unroll.kernels.Dtype;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * The memory side of rematerialization: for an LSTM language model (H and B as given, T = 35, 1,000 and 10,000),
 * the heap an executor holds while it trains, measured after garbage collection, with every step's tape and with
 * segments of 35 and 100 steps recomputed by {@code SegmentedExecutor}; and that heap per token (T·B). Training
 * allocates nothing per step, so what is held after a step is the peak live set. A configuration that does not fit
 * the heap is reported so. Usage: {@code MemoryTable [hidden] [batch] [float32|float64]}; give it a large heap.
 */
public final class MemoryTable {

    private static final int[] STEPS = {35, 1_000, 10_000};
    private static final int[] SEGMENTS = {0, 100, 35};

    private MemoryTable() {
    }

    public static void main(String[] args) {
        int hidden = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Dtype dtype = args.length > 2 ? Dtype.valueOf(args[2].toUpperCase(Locale.ROOT)) : Dtype.FLOAT32;
        System.out.printf(Locale.ROOT, "LSTM H=%d B=%d %s, vocabulary %d; heap limit %,d MB%n", hidden, batch,
                dtype.name().toLowerCase(Locale.ROOT), Workload.VOCAB, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| T | tape | held heap | per token |");
        System.out.println("| ---: | --- | ---: | ---: |");
        for (int steps : STEPS) {
            for (int segment : SEGMENTS) {
                if (segment < steps) {
                    System.out.println(row(hidden, batch, dtype, steps, segment));
                }
            }
        }
    }

    private static String row(int hidden, int batch, Dtype dtype, int steps, int segment) {
        String tape = segment == 0 ? "every step" : "segments of " + segment;
        long before = heldBytes();
        LongSequenceBenchmark.Run run;
        try {
            run = LongSequenceBenchmark.Run.of("lstm", hidden, batch, dtype, steps, segment);
            run.step();
        } catch (OutOfMemoryError e) {
            return String.format(Locale.ROOT, "| %,d | %s | does not fit in %,d MB | |", steps, tape,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        long held = heldBytes() - before;
        // Keeps the run reachable until measured.
        String loss = Double.isFinite(run.step()) ? "" : " (loss not finite)";
        return String.format(Locale.ROOT, "| %,d | %s | %,.1f MB | %,.0f B |%s", steps, tape, held / 1e6,
                (double) held / ((long) steps * batch), loss);
    }

    /** The heap in use after a full collection. */
    private static long heldBytes() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
