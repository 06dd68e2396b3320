package dev.unroll.compiler.model;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.InitialState;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import dev.unroll.kernels.Team;
import java.util.ArrayList;
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
    private final List<Program.Parameter> parameters;
    // For each scan and slot, the position in the program's parameter list: no lookups by name in a training step.
    private final int[][] weightAt;
    private final int[][] initialStateAt;
    private final RunData data;
    private final Handovers handovers;
    private double[][] tokens;
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
        this.handovers = new Handovers(program, this.kernels);
        this.learnedStates = program.model().initialState() == InitialState.LEARNED;
        this.parameters = program.parameters();
        this.weightAt = new int[this.kernels.size()][];
        this.initialStateAt = new int[this.kernels.size()][];
        int largest = 1;
        for (int k = 0; k < this.kernels.size(); k++) {
            KernelSpec spec = this.kernels.get(k).spec();
            weightAt[k] = new int[spec.params().size()];
            initialStateAt[k] = new int[spec.states().size()];
            for (KernelSpec.Slot p : spec.params()) {
                largest = Math.max(largest, p.length(1));
            }
            for (KernelSpec.Slot st : spec.states()) {
                largest = Math.max(largest, st.length(spec.maxBatch()));
            }
        }
        this.scratch = new double[largest];
        this.data = new RunData(program.model());
        for (int i = 0; i < parameters.size(); i++) {
            Program.Parameter p = parameters.get(i);
            switch (p.ref().kind()) {
                case WEIGHT -> weightAt[p.scan()][p.slot()] = i;
                case INITIAL_STATE -> initialStateAt[p.scan()][p.slot()] = i;
            }
        }
    }

    /**
     * An executor over the reference backend: one {@link InterpretedKernel} per scan, for up to {@code maxSteps}
     * steps of {@code maxBatch} rows, in double precision.
     */
    public static ProgramExecutor reference(Program program, int maxSteps, int maxBatch) {
        Require.notNull(program, "ProgramExecutor.reference", "program");
        List<Kernel> kernels = new ArrayList<>();
        for (Program.Scan scan : program.scans()) {
            Adjoint adjoint = Autodiff.adjoint(scan.cell(), program.seededOutputs(scan));
            kernels.add(InterpretedKernel.of(adjoint, maxSteps, maxBatch));
        }
        return new ProgramExecutor(program, kernels);
    }

    /** The program this executor runs. */
    public Program program() {
        return program;
    }

    /** The largest batch the kernels accept. */
    public int maxBatch() {
        return kernels.get(0).spec().maxBatch();
    }

    /**
     * Sets the randomness of the following runs on every scan's kernel ({@link Kernel#setNoise}): training mode with
     * masks drawn from {@code key}, this executor's rows being rows {@code firstRow…} of the whole batch, or
     * evaluation mode. Every scan draws from the same key; the planner gives each place of randomness its own site.
     */
    public void setNoise(long key, int firstRow, boolean training) {
        for (Kernel kernel : kernels) {
            kernel.setNoise(key, firstRow, training);
        }
    }

    /**
     * Splits the large matrix products of every scan's kernel by columns over {@code team}'s threads
     * ({@link Kernel#useTeam}); the results are the same bits. The caller keeps the team open while this runs.
     */
    public void useTeam(Team team) {
        Require.notNull(team, "ProgramExecutor.useTeam", "team");
        for (Kernel kernel : kernels) {
            kernel.useTeam(team);
        }
    }

    /** Sets every parameter (and learned initial state) from {@code values}, a store of this program's. */
    public void setParameters(ParamStore values) {
        requireLayout(values, "ProgramExecutor.setParameters");
        // Indexed loops over precomputed positions: a training step calls this, and must not allocate.
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            for (int p = 0; p < weightAt[k].length; p++) {
                kernel.setParameter(p, values.values(weightAt[k][p]));
            }
            for (int s = 0; learnedStates && s < initialStateAt[k].length; s++) {
                buffers.learned(k, s, values.values(initialStateAt[k][s]));
            }
        }
    }

    /**
     * The forward pass over {@code x.length} steps of {@code batch} rows, every row at full length; {@code states}
     * may supply initial states by name (the rest start at zeros or their learned value). Returns the loss (mean
     * over steps, or the last step for a last-step head).
     */
    public double forward(double[][] x, double[][] targets, Map<String, double[]> states, int batch) {
        return forward(x, targets, states, batch, null);
    }

    /**
     * The forward pass over {@code x.length} steps of {@code batch} rows where row {@code r} has {@code lengths[r]}
     * valid steps (1 to {@code x.length}; null for all full), padded on the right: a row's states stop at its last
     * valid step, and the loss is the mean over valid positions (over rows' last valid steps for a last-step head).
     * Rows of different lengths need a masked program ({@code Model.Builder.masked()}); what padding holds changes
     * nothing as long as it is finite. Allocates nothing at a fixed batch and at most as many steps as before.
     */
    public double forward(double[][] x, double[][] targets, Map<String, double[]> states, int batch,
            int[] lengths) {
        if (program.model().hasEncoder()) {
            throw new UnrollException("ProgramExecutor.forward: this program is an encoder–decoder and reads a source"
                    + " too; call forward(source, sourceLengths, x, targets, states, batch, lengths)");
        }
        return run(x, targets, states, batch, lengths);
    }

    /**
     * The forward pass of an encoder–decoder: the encoder reads {@code source} (row r valid for {@code
     * sourceLengths[r]} steps), the decoder starts from its final states and reads {@code x} (the decoder's inputs,
     * under teacher forcing the targets shifted right) for {@code lengths[r]} steps; the loss is the mean over valid
     * target positions. Source and decoder have the same number of steps: pad the shorter. Null lengths are full.
     */
    public double forward(double[][] source, int[] sourceLengths, double[][] x, double[][] targets,
            Map<String, double[]> states, int batch, int[] lengths) {
        requireEncoder("forward");
        Require.notNull(source, "ProgramExecutor.forward", "source");
        if (source.length != x.length) {
            throw new UnrollException("ProgramExecutor.forward: the source has " + source.length + " steps and the"
                    + " decoder input " + x.length + "; pad the shorter to the longer, with each row's own lengths");
        }
        data.source(source, sourceLengths, batch);
        return run(x, targets, states, batch, lengths);
    }

    private double run(double[][] x, double[][] targets, Map<String, double[]> states, int batch, int[] lengths) {
        this.steps = x.length;
        this.batch = batch;
        data.sequence(x, targets, lengths, steps, batch);
        buffers.resize(batch);
        handovers.resize(batch);
        for (int k = 0; k < kernels.size(); k++) {
            start(k, states);
            kernels.get(k).forward(steps, batch);
        }
        return loss();
    }

    /** Sets scan {@code k}'s initial states and its inputs at every step of the current run. */
    private void start(int k, Map<String, double[]> states) {
        Kernel kernel = kernels.get(k);
        Program.Scan scan = program.scans().get(k);
        for (int s = 0; s < kernel.spec().states().size(); s++) {
            kernel.setInitialState(s, handovers.handsOver(k, s) ? handovers.start(k, s)
                    : buffers.initialState(k, s, states));
        }
        for (int f = 0; f < scan.feeds().size(); f++) {
            Program.Feed feed = scan.feeds().get(f);
            int input = kernel.spec().input(feed.input());
            for (int s = 0; s < steps; s++) {
                kernel.setInput(input, s, buffers.gather(k, input, feed, s, data, data));
            }
        }
    }

    /**
     * Greedy decoding with an encoder–decoder whose decoder reads tokens: the encoder reads {@code source} (row r
     * valid for {@code sourceLengths[r]} steps, null for all), then the decoder runs one step at a time from token
     * {@code start}, each step reading the most likely token of the step before. Row r's tokens end before the first
     * {@code end}, or after {@code maxLength} tokens. Invalidates the last forward pass.
     */
    public int[][] greedy(double[][] source, int[] sourceLengths, int batch, int start, int end, int maxLength) {
        requireEncoder("greedy");
        Require.notNull(source, "ProgramExecutor.greedy", "source");
        int decoder = kernels.size() - 1;
        if (!program.model().encoding().tokens() || !program.scans().get(decoder - 1).source()) {
            throw new UnrollException("ProgramExecutor.greedy: greedy decoding feeds each step's most likely token"
                    + " back, so the decoder must read tokens through one scan; this model's decoder reads "
                    + program.model().encoding());
        }
        if (maxLength < 1) {
            throw new UnrollException("ProgramExecutor.greedy: maxLength must be at least 1, got " + maxLength);
        }
        data.source(source, sourceLengths, batch);
        this.steps = source.length;
        this.batch = batch;
        buffers.resize(batch);
        handovers.resize(batch);
        for (int k = 0; k < decoder; k++) {
            start(k, Map.of());
            kernels.get(k).forward(steps, batch);
        }
        // The decoder steps one token at a time: its data inputs are one step long from here on.
        tokens = new double[][] {new double[batch]};
        data.sequence(tokens, new double[][] {new double[batch]}, null, 1, batch);
        java.util.Arrays.fill(tokens[0], start);
        return GreedyDecoding.decode(this, batch, end, maxLength);
    }

    /** Starts the decoder's kernel (the last) at the hand-over, its inputs reading {@link #decoderTokens()}. */
    Kernel startDecoder() {
        int k = kernels.size() - 1;
        Kernel kernel = kernels.get(k);
        for (int s = 0; s < kernel.spec().states().size(); s++) {
            kernel.setInitialState(s, handovers.handsOver(k, s) ? handovers.start(k, s)
                    : buffers.initialState(k, s, Map.of()));
        }
        return kernel;
    }

    /** Sets every input of the decoder's kernel for its next step: the tokens, the context, full masks. */
    void feedDecoder() {
        int k = kernels.size() - 1;
        Kernel kernel = kernels.get(k);
        for (Program.Feed feed : program.scans().get(k).feeds()) {
            int input = kernel.spec().input(feed.input());
            kernel.setInput(input, 0, buffers.gather(k, input, feed, 0, data, data));
        }
    }

    /** The tokens the decoder reads at its next step, one per row; the caller writes them. */
    double[] decoderTokens() {
        return tokens[0];
    }

    private void requireEncoder(String where) {
        if (!program.model().hasEncoder()) {
            throw new UnrollException("ProgramExecutor." + where + ": this program has no encoder, so it reads no"
                    + " source; build the model with Model.Builder.encoder(...), or call forward(x, targets, states,"
                    + " batch, lengths)");
        }
    }

    /** Backpropagates through the last forward pass with the truncation schedule {@code carry}. */
    public void backward(double[] carry) {
        buffers.clearSeeds(steps);
        handovers.clearSeeds();
        int last = kernels.size() - 1;
        for (int t = 0; t < steps; t++) {
            buffers.seed(last, t)[0] = data.lengths().seed(t);
        }
        for (int k = last; k >= 0; k--) {
            Kernel kernel = kernels.get(k);
            Program.Scan scan = program.scans().get(k);
            for (int s = 0; s < steps; s++) {
                kernel.setOutputSeed(0, s, buffers.seedAtStep(k, s, data));
            }
            handovers.seed(k);
            kernel.backward(carry);
            handovers.collect(k);
            buffers.route(scan, kernel, steps, data);
        }
    }

    /**
     * Seeds the final value of every state named in {@code gradients} in the following backward passes: the
     * gradient of a later part of the objective with respect to it, entering unscaled ({@link
     * Kernel#setFinalStateSeed}); states not named get zeros. Each seed has the state's values for the batch of the
     * next run. An encoder–decoder seeds its encoder's final states itself, so it takes none.
     */
    public void setFinalStateGradients(Map<String, double[]> gradients) {
        Require.notNull(gradients, "ProgramExecutor.setFinalStateGradients", "gradients");
        if (program.model().hasEncoder()) {
            throw new UnrollException("ProgramExecutor.setFinalStateGradients: an encoder–decoder hands its encoder's"
                    + " final states to the decoder and seeds them itself; seed no final states of this program");
        }
        List<String> names = new ArrayList<>();
        kernels.forEach(k -> k.spec().states().forEach(slot -> names.add(slot.name())));
        if (!names.containsAll(gradients.keySet())) {
            throw new UnrollException("ProgramExecutor.setFinalStateGradients: got seeds for " + gradients.keySet()
                    + ", but this program's states are " + names + "; seed only those");
        }
        for (Kernel kernel : kernels) {
            kernel.clearFinalStateSeeds();
            for (int s = 0; s < kernel.spec().states().size(); s++) {
                double[] g = gradients.get(kernel.spec().states().get(s).name());
                if (g != null) {
                    kernel.setFinalStateSeed(s, g);
                }
            }
        }
    }

    /** The loss of the last forward pass. */
    public double loss() {
        Kernel lossKernel = kernels.get(kernels.size() - 1);
        int o = lossKernel.spec().output(LossCell.LOSS);
        double total = 0;
        for (int t = 0; t < steps; t++) {
            lossKernel.getOutput(o, t, one);
            total += data.lengths().share(t, one[0]);
        }
        return total;
    }

    /**
     * The head's output (logits or predictions) at each row's last valid step of the last run: {@code b·width}
     * values, row r taken at step {@code lengths[r] − 1}; a new array.
     */
    public double[] outputsAtLastValidStep() {
        // The head's scan runs forward in time: row r's last valid step is its kernel step.
        return buffers.rowsAt(kernels.size() - 1, Planner.HEAD_OUTPUT, data.lengths()::lastStep);
    }

    /** The head's output (logits or predictions) at time {@code t} of the last run: {@code b·width} values. */
    public double[] output(int t) {
        return output(kernels.size() - 1, Planner.HEAD_OUTPUT, t);
    }

    /** Output {@code name} of scan {@code scan} at time {@code t} (in time order) of the last run; a new array. */
    public double[] output(int scan, String name, int t) {
        return buffers.rowsAt(scan, name, r -> data.step(program.scans().get(scan), t, r));
    }

    /** Every parameter's gradient (and learned initial states'), after {@link #backward}, in a new store. */
    public ParamStore gradients() {
        ParamStore out = ParamStore.zeros(program);
        gradientsInto(out, 1.0, false);
        return out;
    }

    /**
     * Writes {@code weight ×} every parameter's gradient (and learned initial states', summed over rows) into
     * {@code into}, a store of this program's, or adds it with {@code add}; allocates nothing.
     */
    public void gradientsInto(ParamStore into, double weight, boolean add) {
        requireLayout(into, "ProgramExecutor.gradientsInto");
        for (int k = 0; k < kernels.size(); k++) {
            Kernel kernel = kernels.get(k);
            for (int p = 0; p < weightAt[k].length; p++) {
                kernel.getParameterGradient(p, scratch);
                accumulate(into.values(weightAt[k][p]), weight, add);
            }
            for (int s = 0; learnedStates && s < initialStateAt[k].length; s++) {
                kernel.getInitialStateGradient(s, scratch);
                sumRowsInPlace(kernel.spec().states().get(s).cols());
                accumulate(into.values(initialStateAt[k][s]), weight, add);
            }
        }
    }

    /** {@code where} is a constant: a training step checks every store, and must not build strings. */
    private void requireLayout(ParamStore store, String where) {
        Require.notNull(store, where, "store");
        store.requireLayout(parameters, where);
    }

    /** {@code target (+)= weight · scratch[0..target.length)}. */
    private void accumulate(double[] target, double weight, boolean add) {
        int length = target.length;
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

    /**
     * The value of every state after the last forward pass, by name; new arrays. In a masked program each row's
     * state is its value at the row's last valid step (for a backward direction, at the row's first step).
     */
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
}
