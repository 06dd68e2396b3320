package dev.unroll.compiler.model;

import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The buffers between a program's scans: the initial states, the values fed into each scan input (concatenated from
 * data and earlier scans' outputs) and the seeds each scan's output receives from the scans that read it. The kernel
 * interface takes arrays of exactly {@code b·n} values, so these are sized for the batch of the current run and
 * reallocated only when the batch changes: a training loop at a fixed batch allocates nothing here.
 */
final class ScanBuffers {

    /**
     * Maps a scan, a time step and a row to the kernel step at which that scan processes the row's step, and back:
     * the map is its own inverse.
     */
    interface StepOf {
        int step(Program.Scan scan, int t, int r);

        /** The kernel step at which {@code scan} processes row {@code r}'s last valid step of its own axis. */
        int last(Program.Scan scan, int r);
    }

    /** The model data input {@code name} ({@link Program#DATA}, {@code TARGET}, {@code MASK}, ...) at time t. */
    interface DataOf {
        double[] data(String name, int t);
    }

    private final Program program;
    private final List<Kernel> kernels;
    private final int maxSteps;
    private final double[][][] learned;
    private final double[] scratch;
    private double[][] seedAtStep;
    private int batch = -1;
    private double[][][] states;
    private double[][][] feeds;
    private double[][][] seeds;

    ScanBuffers(Program program, List<Kernel> kernels) {
        this.program = program;
        this.kernels = kernels;
        this.maxSteps = kernels.get(0).spec().maxSteps();
        int maxBatch = kernels.get(0).spec().maxBatch();
        int widest = 1;
        for (Kernel k : kernels) {
            for (KernelSpec.Slot in : k.spec().inputs()) {
                widest = Math.max(widest, in.length(maxBatch));
            }
            for (KernelSpec.Slot out : k.spec().outputs()) {
                widest = Math.max(widest, out.length(maxBatch));
            }
        }
        scratch = new double[widest];
        learned = new double[kernels.size()][][];
        for (int k = 0; k < kernels.size(); k++) {
            learned[k] = new double[kernels.get(k).spec().states().size()][];
        }
    }

    /** Sizes every buffer for {@code newBatch} rows; allocates only when the batch changes. */
    void resize(int newBatch) {
        if (newBatch == batch) {
            return;
        }
        batch = newBatch;
        states = new double[kernels.size()][][];
        feeds = new double[kernels.size()][][];
        seeds = new double[kernels.size()][maxSteps][];
        seedAtStep = new double[kernels.size()][];
        for (int k = 0; k < kernels.size(); k++) {
            KernelSpec spec = kernels.get(k).spec();
            states[k] = exact(spec.states(), newBatch);
            feeds[k] = exact(spec.inputs(), newBatch);
            for (int t = 0; t < maxSteps; t++) {
                seeds[k][t] = new double[spec.seeds().get(0).length(newBatch)];
            }
            seedAtStep[k] = new double[seeds[k][0].length];
        }
    }

    private static double[][] exact(List<KernelSpec.Slot> slots, int batch) {
        double[][] out = new double[slots.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[slots.get(i).length(batch)];
        }
        return out;
    }

    /** Keeps the learned initial value of a state (one row), copying into the array it already has. */
    void learned(int k, int s, double[] row) {
        double[] kept = learned[k][s];
        if (kept == null || kept.length != row.length) {
            learned[k][s] = row.clone();
        } else {
            System.arraycopy(row, 0, kept, 0, row.length);
        }
    }

    /** The initial value of state {@code s} of scan {@code k}: supplied, learned (repeated per row) or zeros. */
    double[] initialState(int k, int s, Map<String, double[]> supplied) {
        KernelSpec.Slot slot = kernels.get(k).spec().states().get(s);
        double[] given = supplied.get(slot.name());
        if (given != null) {
            if (given.length != slot.length(batch)) {
                throw new UnrollException("initial state '" + slot.name() + "' needs " + slot.length(batch)
                        + " values for a batch of " + batch + ", got " + given.length);
            }
            return given;
        }
        double[] out = states[k][s];
        double[] row = learned[k][s];
        for (int i = 0; i < out.length; i++) {
            out[i] = row == null ? 0.0 : row[i % slot.cols()];
        }
        return out;
    }

    /**
     * The value of {@code feed} (input {@code input} of scan {@code k}) at kernel step {@code s}: its parts side by
     * side, each row at the time the scan processes at that step, read from its producer's step for that time (for
     * a {@link Program.Part#last()} part, from the producer's last step of the row).
     */
    double[] gather(int k, int input, Program.Feed feed, int s, DataOf dataOf, StepOf stepOf) {
        double[] out = feeds[k][input];
        Program.Scan consumer = program.scans().get(k);
        int width = kernels.get(k).spec().inputs().get(input).cols();
        int offset = 0;
        for (int p = 0; p < feed.parts().size(); p++) {
            Program.Part part = feed.parts().get(p);
            Kernel producer = part.isData() ? null : kernels.get(part.scan());
            int o = producer == null ? -1 : producer.spec().output(part.name());
            int cols = producer == null ? dataOf.data(part.name(), 0).length / batch
                    : producer.spec().outputs().get(o).cols();
            int fetched = -1;
            for (int r = 0; r < batch; r++) {
                int t = stepOf.step(consumer, s, r);
                double[] src;
                if (producer == null) {
                    src = dataOf.data(part.name(), t);
                } else {
                    Program.Scan from = program.scans().get(part.scan());
                    int at = part.last() ? stepOf.last(from, r) : stepOf.step(from, t, r);
                    if (at != fetched) { // rows of one length share the step: one read serves them all
                        producer.getOutput(o, at, scratch);
                        fetched = at;
                    }
                    src = scratch;
                }
                System.arraycopy(src, r * cols, out, r * width + offset, cols);
            }
            offset += cols;
        }
        return out;
    }

    /** Output {@code name} of scan {@code k} with row r read at kernel step {@code stepOfRow(r)}; a new array. */
    double[] rowsAt(int k, String name, IntUnaryOperator stepOfRow) {
        Kernel kernel = kernels.get(k);
        int o = kernel.spec().output(name);
        double[] out = new double[kernel.spec().outputs().get(o).length(batch)];
        double[] atStep = new double[out.length];
        int cols = out.length / batch;
        int fetched = -1;
        for (int r = 0; r < batch; r++) {
            int s = stepOfRow.applyAsInt(r);
            if (s != fetched) {
                kernel.getOutput(o, s, atStep);
                fetched = s;
            }
            System.arraycopy(atStep, r * cols, out, r * cols, cols);
        }
        return out;
    }

    void clearSeeds(int steps) {
        for (double[][] perScan : seeds) {
            for (int t = 0; t < steps; t++) {
                Arrays.fill(perScan[t], 0.0);
            }
        }
    }

    /** The seed of scan {@code k}'s seeded output at time {@code t}: {@code b·n} values, as the kernel takes them. */
    double[] seed(int k, int t) {
        return seeds[k][t];
    }

    /** The seed of scan {@code k}'s seeded output at its kernel step {@code s}: each row's seed at its own time. */
    double[] seedAtStep(int k, int s, StepOf stepOf) {
        Program.Scan scan = program.scans().get(k);
        if (!scan.reverse()) {
            return seeds[k][s];
        }
        double[] out = seedAtStep[k];
        int cols = out.length / batch;
        for (int r = 0; r < batch; r++) {
            System.arraycopy(seeds[k][stepOf.step(scan, s, r)], r * cols, out, r * cols, cols);
        }
        return out;
    }

    /** Adds {@code scan}'s input gradients, split by feed part, into the seeds of the scans that fed it. */
    void route(Program.Scan scan, Kernel kernel, int steps, StepOf stepOf) {
        for (int f = 0; f < scan.feeds().size(); f++) {
            Program.Feed feed = scan.feeds().get(f);
            if (dataOnly(feed) || !kernel.spec().inputsWithGradient().contains(feed.input())) {
                continue;
            }
            int input = kernel.spec().input(feed.input());
            int width = kernel.spec().inputs().get(input).cols();
            for (int s = 0; s < steps; s++) {
                kernel.getInputGradient(input, s, scratch);
                int offset = 0;
                for (int p = 0; p < feed.parts().size(); p++) {
                    Program.Part part = feed.parts().get(p);
                    if (part.isData()) {
                        continue;
                    }
                    Kernel producer = kernels.get(part.scan());
                    int cols = producer.spec().outputs().get(producer.spec().output(part.name())).cols();
                    Program.Scan from = program.scans().get(part.scan());
                    for (int r = 0; r < batch; r++) {
                        // The seed at the time the producer made the value read: its own step for a last part.
                        int t = part.last() ? stepOf.step(from, stepOf.last(from, r), r) : stepOf.step(scan, s, r);
                        double[] seed = seeds[part.scan()][t];
                        for (int c = 0; c < cols; c++) {
                            seed[r * cols + c] += scratch[r * width + offset + c];
                        }
                    }
                    offset += cols;
                }
            }
        }
    }

    private static boolean dataOnly(Program.Feed feed) {
        for (int p = 0; p < feed.parts().size(); p++) {
            if (!feed.parts().get(p).isData()) {
                return false;
            }
        }
        return true;
    }
}
