package dev.unroll.runtime.model;

import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.InitialState;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Program} on compiled kernels, one per scan: the forward pass scan by scan, then the backward pass in
 * reverse scan order, each scan's output seeds gathered from the input gradients of the scans that read it. The
 * same wiring serves every model; nothing here knows what a layer or a direction is beyond the program's feeds.
 *
 * <p>Data crosses as doubles: step t's model input and target are {@code b·width} values, tokens as integers.
 * Not thread-safe: one executor per thread. At a fixed batch, {@link #forward}, {@link #backward} and the
 * {@code …Into} readers allocate nothing, so a training loop runs without garbage.
 */
public final class ProgramExecutor {

    private final Program program;
    private final List<Kernel> kernels;
    private final ScanBuffers buffers;
    private final boolean learnedStates;
    private final String[][] initNames;
    private final ScanBuffers.StepOf stepOf = this::step;
    private final double[] one = new double[1];
    private final double[] scratch;
    private int steps;
    private int batch;

    /** An executor over {@code kernels}, which must be the program's scans compiled in order. */
    public ProgramExecutor(Program program, List<Kernel> kernels) {
        Require.notNull(program, "new ProgramExecutor", "program");
        Require.noNulls(kernels, "new ProgramExecutor", "kernels");
        if (kernels.size() != program.scans().size()) {
            throw new UnrollException("a program of " + program.scans().size() + " scans needs as many kernels, got "
                    + kernels.size());
        }
        this.program = program;
        this.kernels = List.copyOf(kernels);
        this.buffers = new ScanBuffers(program, this.kernels);
        this.learnedStates = program.model().initialState() == InitialState.LEARNED;
        this.initNames = new String[this.kernels.size()][];
        int largest = 1;
        for (int k = 0; k < this.kernels.size(); k++) {
            KernelSpec spec = this.kernels.get(k).spec();
            initNames[k] = spec.states().stream().map(s -> ProgramRunner.initName(s.name())).toArray(String[]::new);
            for (KernelSpec.Slot p : spec.params()) {
                largest = Math.max(largest, p.length(1));
            }
            for (KernelSpec.Slot st : spec.states()) {
                largest = Math.max(largest, st.length(spec.maxBatch()));
            }
        }
        this.scratch = new double[largest];
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
        // Indexed loops and the precomputed initial-state names: a training step calls this, and must not allocate.
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            KernelSpec spec = kernel.spec();
            for (int p = 0; p < spec.params().size(); p++) {
                kernel.setParameter(p, require(values, spec.params().get(p).name()));
            }
        }
        if (learnedStates) {
            for (int k = 0; k < kernels.size(); k++) {
                List<KernelSpec.Slot> states = kernels.get(k).spec().states();
                for (int s = 0; s < states.size(); s++) {
                    buffers.learned(states.get(s).name(), require(values, initNames[k][s]));
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
        buffers.resize(batch);
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            Program.Scan scan = program.scans().get(k);
            for (int s = 0; s < kernel.spec().states().size(); s++) {
                kernel.setInitialState(s, buffers.initialState(k, s, states));
            }
            for (int f = 0; f < scan.feeds().size(); f++) {
                Program.Feed feed = scan.feeds().get(f);
                int input = kernel.spec().input(feed.input());
                for (int t = 0; t < steps; t++) {
                    kernel.setInput(input, step(scan, t), buffers.gather(k, input, feed, t, x, targets, stepOf));
                }
            }
            kernel.forward(steps, batch);
        }
        return loss();
    }

    /** Backpropagates through the last forward pass with the truncation schedule {@code carry}. */
    public void backward(double[] carry) {
        buffers.clearSeeds(steps);
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
                kernel.setOutputSeed(0, step(scan, t), buffers.seed(k, t));
            }
            kernel.backward(carry);
            buffers.route(scan, kernel, steps, stepOf);
        }
    }

    /** The loss of the last forward pass. */
    public double loss() {
        Kernel lossKernel = kernels.get(kernels.size() - 1);
        int o = lossKernel.spec().output(LossCell.LOSS);
        boolean lastOnly = program.model().head().lastStepOnly();
        double total = 0;
        for (int t = 0; t < steps; t++) {
            lossKernel.getOutput(o, t, one);
            total += lastOnly ? (t == steps - 1 ? one[0] : 0.0) : one[0] / steps;
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

    /** Every parameter's gradient by name (and learned initial states'), after {@link #backward}; new arrays. */
    public Map<String, double[]> gradients() {
        Map<String, double[]> out = new LinkedHashMap<>();
        gradientsInto(out, 1.0, false);
        return out;
    }

    /**
     * Writes {@code weight ×} every parameter's gradient (and learned initial states', summed over rows) into
     * {@code into} by name, or adds it with {@code add}; allocates only the arrays {@code into} lacks.
     */
    public void gradientsInto(Map<String, double[]> into, double weight, boolean add) {
        for (int i = 0; i < kernels.size(); i++) {
            Kernel k = kernels.get(i);
            for (int p = 0; p < k.spec().params().size(); p++) {
                KernelSpec.Slot s = k.spec().params().get(p);
                k.getParameterGradient(p, scratch);
                accumulate(into, s.name(), s.length(1), weight, add);
            }
        }
        if (!learnedStates) {
            return;
        }
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            for (int s = 0; s < kernel.spec().states().size(); s++) {
                int cols = kernel.spec().states().get(s).cols();
                kernel.getInitialStateGradient(s, scratch);
                sumRowsInPlace(cols);
                accumulate(into, initNames[k][s], cols, weight, add);
            }
        }
    }

    /** {@code into[name] (+)= weight · scratch[0..length)}. */
    private void accumulate(Map<String, double[]> into, String name, int length, double weight, boolean add) {
        double[] target = into.get(name);
        if (target == null || target.length != length) {
            target = new double[length];
            into.put(name, target);
        }
        for (int i = 0; i < length; i++) {
            target[i] = add ? target[i] + weight * scratch[i] : weight * scratch[i];
        }
    }

    /** Sums the {@code batch} rows of {@code cols} values at the start of the scratch array into its first row. */
    private void sumRowsInPlace(int cols) {
        for (int r = 1; r < batch; r++) {
            for (int c = 0; c < cols; c++) {
                scratch[c] += scratch[r * cols + c];
            }
        }
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

    /** The value of every state after the last forward pass, by name; new arrays. */
    public Map<String, double[]> finalStates() {
        Map<String, double[]> out = new LinkedHashMap<>();
        finalStatesInto(out);
        return out;
    }

    /** Writes the value of every state after the last forward pass into {@code into}, reusing its arrays. */
    public void finalStatesInto(Map<String, double[]> into) {
        for (int i = 0; i < kernels.size(); i++) {
            Kernel k = kernels.get(i);
            for (int s = 0; s < k.spec().states().size(); s++) {
                KernelSpec.Slot slot = k.spec().states().get(s);
                double[] v = into.get(slot.name());
                if (v == null || v.length != slot.length(batch)) {
                    v = new double[slot.length(batch)];
                    into.put(slot.name(), v);
                }
                k.getFinalState(s, v);
            }
        }
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
