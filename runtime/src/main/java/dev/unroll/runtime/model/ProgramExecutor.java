package dev.unroll.runtime.model;

import dev.unroll.compiler.kernel.Kernel;
import dev.unroll.compiler.kernel.KernelSpec;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.InitialState;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.dsl.UnrollException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Program} on compiled kernels, one per scan: the forward pass scan by scan, then the backward pass in
 * reverse scan order, each scan's output seeds gathered from the input gradients of the scans that read it. The
 * same wiring serves every model; nothing here knows what a layer or a direction is beyond the program's feeds.
 *
 * <p>Data crosses as doubles: step t's model input and target are {@code b·width} values, tokens as integers.
 * Not thread-safe: one executor per thread.
 */
public final class ProgramExecutor {

    private final Program program;
    private final List<Kernel> kernels;
    private final ScanBuffers buffers;
    private final boolean learnedStates;
    private int steps;
    private int batch;

    /** An executor over {@code kernels}, which must be the program's scans compiled in order. */
    public ProgramExecutor(Program program, List<Kernel> kernels) {
        if (kernels.size() != program.scans().size()) {
            throw new UnrollException("a program of " + program.scans().size() + " scans needs as many kernels, got "
                    + kernels.size());
        }
        this.program = program;
        this.kernels = List.copyOf(kernels);
        this.buffers = new ScanBuffers(program, this.kernels);
        this.learnedStates = program.model().initialState() == InitialState.LEARNED;
    }

    /** The program this executor runs. */
    public Program program() {
        return program;
    }

    /** The largest batch the kernels accept. */
    public int maxBatch() {
        return kernels.get(0).spec().maxBatch();
    }

    /** Sets every parameter by name (and learned initial states, {@code <state>__init}); missing names are errors. */
    public void setParameters(Map<String, double[]> values) {
        for (Kernel k : kernels) {
            KernelSpec spec = k.spec();
            for (int p = 0; p < spec.params().size(); p++) {
                k.setParameter(p, require(values, spec.params().get(p).name()));
            }
        }
        if (learnedStates) {
            for (Kernel k : kernels) {
                for (KernelSpec.Slot s : k.spec().states()) {
                    buffers.learned(s.name(), require(values, ProgramRunner.initName(s.name())));
                }
            }
        }
    }

    /**
     * The forward pass over {@code x.length} steps of {@code batch} rows; {@code states} may supply initial states
     * by name (the rest start at zeros or their learned value). Returns the loss (mean over steps, or the last step
     * for a last-step head).
     */
    public double forward(double[][] x, double[][] targets, Map<String, double[]> states, int batch) {
        this.steps = x.length;
        this.batch = batch;
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            Program.Scan scan = program.scans().get(k);
            for (int s = 0; s < kernel.spec().states().size(); s++) {
                kernel.setInitialState(s, buffers.initialState(kernel.spec().states().get(s), states, batch));
            }
            for (Program.Feed feed : scan.feeds()) {
                int input = kernel.spec().input(feed.input());
                for (int t = 0; t < steps; t++) {
                    kernel.setInput(input, step(scan, t), buffers.gather(k, feed, t, x, targets, batch, this::step));
                }
            }
            kernel.forward(steps, batch);
        }
        return loss();
    }

    /** Backpropagates through the last forward pass with the truncation schedule {@code carry}. */
    public void backward(double[] carry) {
        buffers.clearSeeds(steps, batch);
        boolean lastOnly = program.model().head().lastStepOnly();
        int last = kernels.size() - 1;
        for (int t = 0; t < steps; t++) {
            double w = lastOnly ? (t == steps - 1 ? 1.0 : 0.0) : 1.0 / steps;
            buffers.seed(last, t)[0] = w;
        }
        for (int k = last; k >= 0; k--) {
            Kernel kernel = kernels.get(k);
            Program.Scan scan = program.scans().get(k);
            for (int t = 0; t < steps; t++) {
                kernel.setOutputSeed(0, step(scan, t), buffers.seed(k, t, batch));
            }
            kernel.backward(carry);
            buffers.route(scan, kernel, steps, batch, this::step);
        }
    }

    /** The loss of the last forward pass. */
    public double loss() {
        Kernel lossKernel = kernels.get(kernels.size() - 1);
        int o = lossKernel.spec().output(LossCell.LOSS);
        double[] v = new double[1];
        boolean lastOnly = program.model().head().lastStepOnly();
        double total = 0;
        for (int t = 0; t < steps; t++) {
            lossKernel.getOutput(o, t, v);
            total += lastOnly ? (t == steps - 1 ? v[0] : 0.0) : v[0] / steps;
        }
        return total;
    }

    /** The head's output (logits or predictions) at time {@code t} of the last run: {@code b·width} values. */
    public double[] output(int t) {
        Kernel head = kernels.get(kernels.size() - 1);
        KernelSpec.Slot slot = head.spec().outputs().get(head.spec().output(Planner.HEAD_OUTPUT));
        double[] out = new double[slot.length(batch)];
        head.getOutput(head.spec().output(Planner.HEAD_OUTPUT), t, out);
        return out;
    }

    /** Every parameter's gradient by name (and learned initial states'), after {@link #backward}. */
    public Map<String, double[]> gradients() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Kernel k : kernels) {
            for (int p = 0; p < k.spec().params().size(); p++) {
                KernelSpec.Slot s = k.spec().params().get(p);
                double[] g = new double[s.length(1)];
                k.getParameterGradient(p, g);
                out.put(s.name(), g);
            }
        }
        if (learnedStates) {
            initialStateGradients().forEach((name, g) -> out.put(ProgramRunner.initName(name), sumRows(g)));
        }
        return out;
    }

    /** The gradient with respect to every initial state, by name. */
    public Map<String, double[]> initialStateGradients() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Kernel k : kernels) {
            for (int s = 0; s < k.spec().states().size(); s++) {
                double[] g = new double[k.spec().states().get(s).length(batch)];
                k.getInitialStateGradient(s, g);
                out.put(k.spec().states().get(s).name(), g);
            }
        }
        return out;
    }

    /** The value of every state after the last forward pass, by name. */
    public Map<String, double[]> finalStates() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Kernel k : kernels) {
            for (int s = 0; s < k.spec().states().size(); s++) {
                double[] v = new double[k.spec().states().get(s).length(batch)];
                k.getFinalState(s, v);
                out.put(k.spec().states().get(s).name(), v);
            }
        }
        return out;
    }

    private double[] sumRows(double[] g) {
        int cols = g.length / batch;
        double[] out = new double[cols];
        for (int i = 0; i < g.length; i++) {
            out[i % cols] += g[i];
        }
        return out;
    }

    /** The kernel step at which a scan processes time {@code t}. */
    private int step(Program.Scan scan, int t) {
        return scan.reverse() ? steps - 1 - t : t;
    }

    private static double[] require(Map<String, double[]> values, String name) {
        double[] v = values.get(name);
        if (v == null) {
            throw new UnrollException("no value for parameter '" + name + "'; the model's parameters are named as in"
                    + " ProgramRunner.initialize");
        }
        return v;
    }
}
