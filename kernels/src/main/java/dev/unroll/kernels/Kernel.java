package dev.unroll.kernels;

/**
 * A compiled model: the contract between a generated kernel class and the runtime.
 *
 * <p><b>Buffers.</b> A kernel owns flat, row-major primitive buffers (of its {@link KernelSpec#dtype() dtype}) sized
 * once, in its constructor, for {@link KernelSpec#maxSteps()} steps of {@link KernelSpec#maxBatch()} rows. No
 * method allocates; values cross this interface as {@code double[]} and are converted at the boundary. A value of
 * slot shape {@code [B×n]} for a batch of {@code b} rows is {@code b·n} doubles; a value of fixed shape
 * {@code [r×n]} is {@code r·n} doubles.
 *
 * <p><b>Indices.</b> Every accessor takes the position of its slot in {@link #spec()}: inputs, states, parameters
 * and outputs in the order the cell declares them, seeds in the order of the adjoint's seeded outputs. Steps are
 * numbered from 0.
 *
 * <p><b>Protocol.</b> Set the parameters (they stay until changed), the initial states and, for each step, every
 * input; then {@link #forward} runs the sequence and saves what the backward pass needs (the tape). To train, set
 * the seeds of every step (and of the final states, if something further reads them) and call {@link #backward}
 * with the truncation schedule; it may be called again with other seeds or another schedule while the tape is
 * valid. {@link #step} runs a single step for inference: it replaces the initial states by the next states, so
 * repeated calls walk a sequence. Getters read the results of the last run; setting a parameter, an initial state or
 * an input ends that run, and a getter whose run has not happened throws {@link KernelException}, as does every
 * call with an invalid argument.
 *
 * <p>A kernel is not thread-safe: give each thread its own instance.
 */
public interface Kernel {

    /** What the kernel computes and the order of its slots. */
    KernelSpec spec();

    /** Sets parameter {@code param} to {@code values} (exactly {@code rows·cols} values, row-major). */
    void setParameter(int param, double[] values);

    /** Copies parameter {@code param} into {@code out} ({@code rows·cols} values). */
    void getParameter(int param, double[] out);

    /** Sets the initial value of state {@code state}: {@code b·n} values, which fixes the batch to {@code b}. */
    void setInitialState(int state, double[] values);

    /** Sets input {@code input} at step {@code step}: {@code b·n} values for a batch of {@code b} rows. */
    void setInput(int input, int step, double[] values);

    /**
     * Sets the seed of seeded output {@code seed} at step {@code step}: the adjoint of the objective with respect to
     * that output (for a sequence loss {@code (1/T) Σ loss_t}, the {@code [1×1]} value {@code 1/T}).
     */
    void setOutputSeed(int seed, int step, double[] values);

    /**
     * Sets the seed of state {@code state}'s final value: the adjoint of the objective with respect to the state after
     * the last step of the forward run ({@code b·n} values for a batch of {@code b} rows; a fixed {@code [r×n]} state
     * takes its {@code r·n}), as when a later stage such as a decoder starts from that state. It enters the backward
     * pass unscaled (carry factors multiply the adjoint flowing between steps, not this seed) and serves every
     * following {@link #backward} until set again or cleared; a state whose seed is not set gets zeros.
     */
    void setFinalStateSeed(int state, double[] values);

    /** Makes every final-state seed zero again, as before any {@link #setFinalStateSeed}. */
    void clearFinalStateSeeds();

    /**
     * Sets the randomness of the following runs: in training mode ({@code training}) dropout and zoneout draw their
     * masks from {@code key}, numbering this kernel's rows from {@code firstRow} in the whole batch (so that slices
     * of a batch run on several kernels draw the masks of the whole batch); in evaluation mode they are the identity
     * and the expectation. A new kernel is in evaluation mode. Like setting an input, it ends the last run.
     */
    void setNoise(long key, int firstRow, boolean training);

    /**
     * Splits the following runs' large matrix products by columns over {@code team}'s threads ({@link Team#alone()},
     * the default: none). The results are the same bits either way; the caller keeps the team open while this kernel
     * runs, and never runs two kernels of one team at once.
     */
    void useTeam(Team team);

    /**
     * Runs the cell over steps {@code 0..steps-1} for a batch of {@code batch} rows, from the initial states, and
     * keeps every step's outputs and the tape.
     */
    void forward(int steps, int batch);

    /**
     * Backpropagates through the last forward run, from step {@code T−1} down to 0, where {@code carry[t]}
     * (exactly {@code T} factors, see {@code Truncation.carry}) multiplies the state adjoint flowing from step
     * {@code t} into step {@code t−1} (for {@code t = 0}, into the initial states). Parameter gradients are summed
     * over the steps.
     */
    void backward(double[] carry);

    /**
     * One step of inference for a batch of {@code batch} rows: reads the inputs of step 0 and the current states,
     * writes the outputs of step 0, and replaces the current states by the next states. It invalidates the tape.
     */
    void step(int batch);

    /** The number of steps of the last run ({@code 1} after {@link #step}). */
    int steps();

    /** The batch size of the last run. */
    int batch();

    /** Copies output {@code output} of step {@code step} of the last run into {@code out}. */
    void getOutput(int output, int step, double[] out);

    /** Copies the value of state {@code state} after the last run into {@code out}. */
    void getFinalState(int state, double[] out);

    /** Copies the gradient of parameter {@code param} (summed over time; zeros if it has none) into {@code out}. */
    void getParameterGradient(int param, double[] out);

    /** Copies the gradient with respect to the initial value of state {@code state} into {@code out}. */
    void getInitialStateGradient(int state, double[] out);

    /** Copies the gradient with respect to input {@code input} at step {@code step} (zeros if it has none). */
    void getInputGradient(int input, int step, double[] out);
}
