package dev.unroll.runtime.model;

import dev.unroll.compiler.kernel.Kernel;
import dev.unroll.compiler.kernel.KernelSpec;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.UnrollException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffers between a program's scans: the values fed into each scan input (concatenated from data and earlier
 * scans' outputs) and the seeds each scan's output receives from the scans that read it. Sized once.
 */
final class ScanBuffers {

    /** Maps a scan and a time step to the kernel step at which that scan processes it. */
    interface StepOf {
        int step(Program.Scan scan, int t);
    }

    private final Program program;
    private final List<Kernel> kernels;
    private final double[][][] seeds;
    private final Map<String, double[]> feedBuffers = new HashMap<>();
    private final Map<String, double[]> learned = new HashMap<>();
    private final double[] scratch;

    ScanBuffers(Program program, List<Kernel> kernels) {
        this.program = program;
        this.kernels = kernels;
        int maxSteps = kernels.get(0).spec().maxSteps();
        int maxBatch = kernels.get(0).spec().maxBatch();
        seeds = new double[kernels.size()][maxSteps][];
        int widest = 1;
        for (int k = 0; k < kernels.size(); k++) {
            KernelSpec spec = kernels.get(k).spec();
            KernelSpec.Slot seed = spec.seeds().get(0);
            for (int t = 0; t < maxSteps; t++) {
                seeds[k][t] = new double[seed.length(maxBatch)];
            }
            for (KernelSpec.Slot in : spec.inputs()) {
                feedBuffers.put(k + "/" + in.name(), new double[in.length(maxBatch)]);
                widest = Math.max(widest, in.length(maxBatch));
            }
            for (KernelSpec.Slot out : spec.outputs()) {
                widest = Math.max(widest, out.length(maxBatch));
            }
        }
        scratch = new double[widest];
    }

    void learned(String state, double[] row) {
        learned.put(state, row.clone());
    }

    /** The initial value of a state: supplied, learned (repeated per row) or zeros. */
    double[] initialState(KernelSpec.Slot slot, Map<String, double[]> supplied, int batch) {
        double[] given = supplied.get(slot.name());
        if (given != null) {
            if (given.length != slot.length(batch)) {
                throw new UnrollException("initial state '" + slot.name() + "' needs " + slot.length(batch)
                        + " values for a batch of " + batch + ", got " + given.length);
            }
            return given;
        }
        double[] out = new double[slot.length(batch)];
        double[] row = learned.get(slot.name());
        if (row != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = row[i % slot.cols()];
            }
        }
        return out;
    }

    /** The value of {@code feed} at time {@code t}: its parts concatenated by columns. */
    double[] gather(int k, Program.Feed feed, int t, double[][] x, double[][] targets, int batch, StepOf stepOf) {
        double[] out = feedBuffers.get(k + "/" + feed.input());
        int width = out.length / kernels.get(k).spec().maxBatch();
        int offset = 0;
        for (Program.Part part : feed.parts()) {
            double[] src;
            int cols;
            if (part.isData()) {
                src = Program.TARGET.equals(part.name()) ? targets[t] : x[t];
                cols = src.length / batch;
            } else {
                Kernel producer = kernels.get(part.scan());
                int o = producer.spec().output(part.name());
                cols = producer.spec().outputs().get(o).cols();
                producer.getOutput(o, stepOf.step(program.scans().get(part.scan()), t), scratch);
                src = scratch;
            }
            for (int r = 0; r < batch; r++) {
                System.arraycopy(src, r * cols, out, r * width + offset, cols);
            }
            offset += cols;
        }
        return Arrays.copyOf(out, batch * width);
    }

    void clearSeeds(int steps, int batch) {
        for (double[][] perScan : seeds) {
            for (int t = 0; t < steps; t++) {
                Arrays.fill(perScan[t], 0.0);
            }
        }
    }

    /** The seed buffer of scan {@code k}'s seeded output at time {@code t} (capacity {@code maxBatch} rows). */
    double[] seed(int k, int t) {
        return seeds[k][t];
    }

    /** The first {@code b·n} values of that seed buffer, as the kernel takes them. */
    double[] seed(int k, int t, int batch) {
        return Arrays.copyOf(seeds[k][t], kernels.get(k).spec().seeds().get(0).length(batch));
    }

    /** Adds {@code scan}'s input gradients, split by feed part, into the seeds of the scans that fed it. */
    void route(Program.Scan scan, Kernel kernel, int steps, int batch, StepOf stepOf) {
        for (Program.Feed feed : scan.feeds()) {
            if (feed.parts().stream().allMatch(Program.Part::isData)
                    || !kernel.spec().inputsWithGradient().contains(feed.input())) {
                continue;
            }
            int input = kernel.spec().input(feed.input());
            int width = kernel.spec().inputs().get(input).cols();
            for (int t = 0; t < steps; t++) {
                kernel.getInputGradient(input, stepOf.step(scan, t), scratch);
                int offset = 0;
                for (Program.Part part : feed.parts()) {
                    int cols = part.isData() ? 0 : kernels.get(part.scan()).spec().outputs()
                            .get(kernels.get(part.scan()).spec().output(part.name())).cols();
                    if (!part.isData()) {
                        double[] seed = seeds[part.scan()][t];
                        for (int r = 0; r < batch; r++) {
                            for (int c = 0; c < cols; c++) {
                                seed[r * cols + c] += scratch[r * width + offset + c];
                            }
                        }
                    }
                    offset += cols;
                }
            }
        }
    }
}
