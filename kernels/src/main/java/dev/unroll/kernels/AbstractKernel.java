package dev.unroll.kernels;

import java.util.Arrays;

/**
 * The base class of every generated kernel: it implements the {@link Kernel} accessors over the buffers the
 * generated constructor binds, checks every argument, and leaves the computation to the generated methods.
 *
 * <p>Per-step buffers hold one block per step; a block holds {@code maxBatch} rows for {@code [B×n]} slots and
 * {@code r} rows for fixed {@code [r×n]} slots, so step {@code t} starts at {@code t·stride}. State buffers hold
 * {@code maxSteps + 1} blocks: block {@code t} is the state entering step {@code t}. Their adjoint buffers likewise:
 * block {@code t} is the adjoint flowing from step {@code t} into step {@code t−1}, block 0 the initial-state
 * gradient; {@link #backward} writes the final-state seeds (or zeros) into block {@code T} before the generated
 * backward pass starts from it.
 */
public abstract class AbstractKernel implements Kernel {

    private enum Phase { NONE, FORWARD, BACKWARD, STEPPED }

    private static final String NO_RUN = "there are no outputs or final states: no forward() or step() since the"
            + " last change of a parameter, initial state or input; run one first";

    private static final String NO_GRADIENTS = "there are no gradients: no backward() since the last forward(), or"
            + " the run changed since; call backward(carry) after forward(steps, batch)";

    private final KernelSpec spec;
    private final Store[] inputs;
    private final Store[] inputGradients;
    private final Store[] states;
    private final Store[] stateAdjoints;
    private final Store[] params;
    private final Store[] gradients;
    private final Store[] outputs;
    private final int[] outputStrides;
    private final Store[] seeds;
    private final int[][] inputRows;
    private final int[] stateRows;
    private final int[][] seedRows;
    private final FinalStateSeeds finalStateSeeds;
    private Phase phase = Phase.NONE;
    private int steps;
    private int batch;
    private int finalBlock;
    private long noiseKey;
    private int noiseFirstRow;
    private boolean training;
    private Team team = Team.alone();

    /** Sizes the bookkeeping for {@code spec}; the generated constructor then binds every buffer. */
    protected AbstractKernel(KernelSpec spec) {
        this.spec = spec;
        inputs = new Store[spec.inputs().size()];
        inputGradients = new Store[inputs.length];
        states = new Store[spec.states().size()];
        stateAdjoints = new Store[states.length];
        params = new Store[spec.params().size()];
        gradients = new Store[params.length];
        outputs = new Store[spec.outputs().size()];
        outputStrides = new int[outputs.length];
        seeds = new Store[spec.seeds().size()];
        inputRows = unset(inputs.length, spec.maxSteps());
        stateRows = unset(1, states.length)[0];
        seedRows = unset(seeds.length, spec.maxSteps());
        finalStateSeeds = new FinalStateSeeds(spec);
    }

    /** Binds input {@code i}'s per-step buffer and its gradient's, or {@code null} if it receives none. */
    protected final void bindInput(int i, Store values, Store gradient) {
        inputs[i] = values;
        inputGradients[i] = gradient;
    }

    /** Binds state {@code s}'s buffer of {@code maxSteps + 1} blocks and its adjoint's. */
    protected final void bindState(int s, Store values, Store adjoint) {
        states[s] = values;
        stateAdjoints[s] = adjoint;
    }

    /** Binds parameter {@code p} and its gradient accumulator. */
    protected final void bindParameter(int p, Store values, Store gradient) {
        params[p] = values;
        gradients[p] = gradient;
    }

    /** Binds output {@code o}: step {@code t} starts at {@code t·stride} (stride 0 for a step-invariant value). */
    protected final void bindOutput(int o, Store values, int stride) {
        outputs[o] = values;
        outputStrides[o] = stride;
    }

    /** Binds the per-step buffer of seed {@code k}. */
    protected final void bindSeed(int k, Store values) {
        seeds[k] = values;
    }

    /** Runs steps {@code 0..steps-1}; the arguments are checked. */
    protected abstract void runForward(int steps, int batch);

    /**
     * Runs the backward pass over the last forward run; the arguments are checked, and block {@code steps} of every
     * state adjoint already holds the adjoint entering the last step (its final-state seed or zeros).
     */
    protected abstract void runBackward(int steps, int batch, double[] carry);

    @Override
    public final KernelSpec spec() {
        return spec;
    }

    @Override
    public final void setParameter(int param, double[] values) {
        KernelSpec.Slot slot = spec.params().get(KernelChecks.index("parameter", param, params.length));
        KernelChecks.rows("parameter", slot, values.length, spec.maxBatch());
        settle();
        params[param].write(0, values, values.length);
        phase = Phase.NONE;
    }

    @Override
    public final void getParameter(int param, double[] out) {
        KernelSpec.Slot slot = spec.params().get(KernelChecks.index("parameter", param, params.length));
        read("parameter", slot, params[param], 0, 1, out);
    }

    @Override
    public final void setInitialState(int state, double[] values) {
        KernelSpec.Slot slot = spec.states().get(KernelChecks.index("state", state, states.length));
        int rows = KernelChecks.rows("initial state", slot, values.length, spec.maxBatch());
        settle();
        stateRows[state] = rows;
        states[state].write(0, values, values.length);
        phase = Phase.NONE;
    }

    @Override
    public final void setInput(int input, int step, double[] values) {
        KernelSpec.Slot slot = spec.inputs().get(KernelChecks.index("input", input, inputs.length));
        KernelChecks.step("setInput", step, spec.maxSteps());
        int rows = KernelChecks.rows("input", slot, values.length, spec.maxBatch());
        settle();
        inputRows[input][step] = rows;
        inputs[input].write(step * slot.stride(spec.maxBatch()), values, values.length);
        phase = Phase.NONE;
    }

    @Override
    public final void setOutputSeed(int seed, int step, double[] values) {
        KernelSpec.Slot slot = spec.seeds().get(KernelChecks.index("seed", seed, seeds.length));
        KernelChecks.step("setOutputSeed", step, spec.maxSteps());
        seedRows[seed][step] = KernelChecks.rows("seed of output", slot, values.length, spec.maxBatch());
        seeds[seed].write(step * slot.stride(spec.maxBatch()), values, values.length);
    }

    @Override
    public final void setFinalStateSeed(int state, double[] values) {
        finalStateSeeds.set(state, values);
    }

    @Override
    public final void clearFinalStateSeeds() {
        finalStateSeeds.clear();
    }

    @Override
    public final void setNoise(long key, int firstRow, boolean trainingMode) {
        if (firstRow < 0) {
            throw new KernelException("setNoise: the first row must be ≥ 0 (this kernel's first row in the whole"
                    + " batch), got " + firstRow);
        }
        settle();
        noiseKey = key;
        noiseFirstRow = firstRow;
        training = trainingMode;
        phase = Phase.NONE;
    }

    @Override
    public final void useTeam(Team team) {
        if (team == null) {
            throw new KernelException("useTeam: the team must not be null; pass Team.alone() for no helpers");
        }
        this.team = team;
    }

    /** The team the generated code splits its large matrix products over ({@link TeamBlas}). */
    protected final Team team() {
        return team;
    }

    /** The random stream of dropout or zoneout site {@code site} at step {@code step} under the current key. */
    protected final long noiseStream(int site, int step) {
        return RandomMasks.stream(noiseKey, site, step);
    }

    /** The key masks are drawn from. */
    protected final long noiseKey() {
        return noiseKey;
    }

    /** The global index of this kernel's first row, from which mask rows are numbered. */
    protected final int noiseFirstRow() {
        return noiseFirstRow;
    }

    /** Whether dropout and zoneout act (training mode) or are the identity and the expectation (evaluation). */
    protected final boolean training() {
        return training;
    }

    @Override
    public final void forward(int runSteps, int runBatch) {
        KernelChecks.count("forward: steps", runSteps, spec.maxSteps(), "maxSteps");
        KernelChecks.count("forward: batch", runBatch, spec.maxBatch(), "maxBatch");
        settle();
        requireInputs(runSteps, runBatch);
        runForward(runSteps, runBatch);
        finish(Phase.FORWARD, runSteps, runBatch, runSteps);
    }

    @Override
    public final void backward(double[] carry) {
        KernelChecks.phase(phase == Phase.FORWARD || phase == Phase.BACKWARD, "backward needs the tape of a forward"
                + " run, and there is none since the last step() or change of a parameter, initial state or input;"
                + " call forward(steps, batch) first");
        KernelChecks.carry(carry, steps);
        for (int k = 0; k < seeds.length; k++) {
            for (int t = 0; t < steps; t++) {
                KernelChecks.rowsMatch("seed of output", t, spec.seeds().get(k), seedRows[k][t], batch,
                        "setOutputSeed");
            }
        }
        finalStateSeeds.enter(stateAdjoints, steps, batch);
        runBackward(steps, batch, carry);
        phase = Phase.BACKWARD;
    }

    @Override
    public final void step(int runBatch) {
        KernelChecks.count("step: batch", runBatch, spec.maxBatch(), "maxBatch");
        settle();
        requireInputs(1, runBatch);
        runForward(1, runBatch);
        finish(Phase.STEPPED, 1, runBatch, 1);
    }

    /**
     * After {@link #step}, makes the next states (block 1) the current ones (block 0). Deferred until the next call
     * that changes or runs anything, so that until then the step's outputs (which may be states) stay readable.
     */
    private void settle() {
        if (phase != Phase.STEPPED) {
            return;
        }
        for (int s = 0; s < states.length; s++) {
            KernelSpec.Slot slot = spec.states().get(s);
            states[s].move(slot.stride(spec.maxBatch()), 0, slot.length(batch));
        }
        phase = Phase.NONE;
    }

    @Override
    public final int steps() {
        return steps;
    }

    @Override
    public final int batch() {
        return batch;
    }

    @Override
    public final void getOutput(int output, int step, double[] out) {
        KernelSpec.Slot slot = spec.outputs().get(KernelChecks.index("output", output, outputs.length));
        KernelChecks.phase(phase != Phase.NONE, NO_RUN);
        KernelChecks.step("getOutput", step, steps);
        KernelChecks.room("output", slot.name(), out, slot.length(batch));
        outputs[output].read(step * outputStrides[output], out, slot.length(batch));
    }

    @Override
    public final void getFinalState(int state, double[] out) {
        KernelSpec.Slot slot = spec.states().get(KernelChecks.index("state", state, states.length));
        KernelChecks.phase(phase != Phase.NONE, NO_RUN);
        read("state", slot, states[state], finalBlock, batch, out);
    }

    @Override
    public final void getParameterGradient(int param, double[] out) {
        KernelSpec.Slot slot = spec.params().get(KernelChecks.index("parameter", param, params.length));
        KernelChecks.phase(phase == Phase.BACKWARD, NO_GRADIENTS);
        read("parameter gradient", slot, gradients[param], 0, 1, out);
    }

    @Override
    public final void getInitialStateGradient(int state, double[] out) {
        KernelSpec.Slot slot = spec.states().get(KernelChecks.index("state", state, states.length));
        KernelChecks.phase(phase == Phase.BACKWARD, NO_GRADIENTS);
        read("initial-state gradient", slot, stateAdjoints[state], 0, batch, out);
    }

    @Override
    public final void getInputGradient(int input, int step, double[] out) {
        KernelSpec.Slot slot = spec.inputs().get(KernelChecks.index("input", input, inputs.length));
        KernelChecks.phase(phase == Phase.BACKWARD, NO_GRADIENTS);
        KernelChecks.step("getInputGradient", step, steps);
        if (inputGradients[input] == null) {
            KernelChecks.room("input gradient", slot.name(), out, slot.length(batch));
            Arrays.fill(out, 0, slot.length(batch), 0.0);
        } else {
            read("input gradient", slot, inputGradients[input], step, batch, out);
        }
    }

    private void read(String what, KernelSpec.Slot slot, Store store, int block, int rows, double[] out) {
        int length = slot.length(rows);
        KernelChecks.room(what, slot.name(), out, length);
        store.read(block * slot.stride(spec.maxBatch()), out, length);
    }

    private void requireInputs(int runSteps, int runBatch) {
        for (int s = 0; s < states.length; s++) {
            KernelChecks.rowsMatch("initial state", -1, spec.states().get(s), stateRows[s], runBatch,
                    "setInitialState");
        }
        for (int i = 0; i < inputs.length; i++) {
            for (int t = 0; t < runSteps; t++) {
                KernelChecks.rowsMatch("input", t, spec.inputs().get(i), inputRows[i][t], runBatch, "setInput");
            }
        }
    }

    private void finish(Phase newPhase, int runSteps, int runBatch, int block) {
        phase = newPhase;
        steps = runSteps;
        batch = runBatch;
        finalBlock = block;
    }

    private static int[][] unset(int count, int length) {
        int[][] rows = new int[count][length];
        for (int[] r : rows) {
            Arrays.fill(r, -1);
        }
        return rows;
    }
}
