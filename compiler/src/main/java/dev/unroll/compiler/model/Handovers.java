package dev.unroll.compiler.model;

import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import java.util.List;

/**
 * The hand-over of an encoder–decoder program in both directions: forward, a decoder state starts from encoder final
 * states side by side; backward, that state's initial-state gradient is split back into seeds of those final
 * states. Buffers are sized for the current batch and reused, so a training step at a fixed batch allocates nothing.
 */
final class Handovers {

    private final List<Kernel> kernels;
    // handover[k][s]: where state s of scan k starts, or null.
    private final Program.Handover[][] handover;
    // seeds[k][s]: the accumulated seed of final state s of scan k in the current backward pass, or null if none.
    private final double[][][] seeds;
    private final boolean[] seeded;
    private double[][][] starts;
    private double[] part = new double[0];
    private int batch = -1;

    Handovers(Program program, List<Kernel> kernels) {
        this.kernels = kernels;
        this.handover = new Program.Handover[kernels.size()][];
        this.seeds = new double[kernels.size()][][];
        this.seeded = new boolean[kernels.size()];
        for (int k = 0; k < kernels.size(); k++) {
            handover[k] = new Program.Handover[kernels.get(k).spec().states().size()];
            seeds[k] = new double[handover[k].length][];
        }
        for (Program.Handover h : program.handovers()) {
            handover[h.scan()][h.state()] = h;
            for (Program.StateAt at : h.from()) {
                seeded[at.scan()] = true;
            }
        }
    }

    /** Whether state {@code s} of scan {@code k} starts from encoder final states. */
    boolean handsOver(int k, int s) {
        return handover[k][s] != null;
    }

    /** Sizes the buffers for {@code newBatch} rows; allocates only when the batch changes. */
    void resize(int newBatch) {
        if (newBatch == batch) {
            return;
        }
        batch = newBatch;
        starts = new double[kernels.size()][][];
        int widest = 0;
        for (int k = 0; k < kernels.size(); k++) {
            List<KernelSpec.Slot> states = kernels.get(k).spec().states();
            starts[k] = new double[states.size()][];
            for (int s = 0; s < states.size(); s++) {
                int length = states.get(s).length(newBatch);
                widest = Math.max(widest, length);
                starts[k][s] = handover[k][s] == null ? null : new double[length];
                seeds[k][s] = seeded[k] ? new double[length] : null;
            }
        }
        part = new double[widest];
    }

    /** The initial value of handed-over state {@code s} of scan {@code k}: its encoder final states side by side. */
    double[] start(int k, int s) {
        double[] out = starts[k][s];
        int cols = out.length / batch;
        int offset = 0;
        for (Program.StateAt at : handover[k][s].from()) {
            Kernel encoder = kernels.get(at.scan());
            int partCols = encoder.spec().states().get(at.state()).cols();
            encoder.getFinalState(at.state(), part);
            for (int r = 0; r < batch; r++) {
                System.arraycopy(part, r * partCols, out, r * cols + offset, partCols);
            }
            offset += partCols;
        }
        return out;
    }

    /** Zeros every final-state seed, before a backward pass. */
    void clearSeeds() {
        for (double[][] perScan : seeds) {
            for (double[] seed : perScan) {
                if (seed != null) {
                    java.util.Arrays.fill(seed, 0.0);
                }
            }
        }
    }

    /** After scan {@code k}'s backward pass, splits its handed-over states' gradients into encoder seeds. */
    void collect(int k) {
        Kernel decoder = kernels.get(k);
        for (int s = 0; s < handover[k].length; s++) {
            if (handover[k][s] == null) {
                continue;
            }
            double[] gradient = starts[k][s];
            decoder.getInitialStateGradient(s, gradient);
            int cols = gradient.length / batch;
            int offset = 0;
            for (Program.StateAt at : handover[k][s].from()) {
                double[] seed = seeds[at.scan()][at.state()];
                int partCols = seed.length / batch;
                for (int r = 0; r < batch; r++) {
                    for (int c = 0; c < partCols; c++) {
                        seed[r * partCols + c] += gradient[r * cols + offset + c];
                    }
                }
                offset += partCols;
            }
        }
    }

    /** Before scan {@code k}'s backward pass, gives its kernel the seeds of its handed-over final states. */
    void seed(int k) {
        if (!seeded[k]) {
            return;
        }
        Kernel encoder = kernels.get(k);
        for (int s = 0; s < seeds[k].length; s++) {
            encoder.setFinalStateSeed(s, seeds[k][s]);
        }
    }
}
