package dev.unroll.compiler.model;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a unidirectional program over sequences longer than its kernels hold, in the memory of one segment
 * (rematerialization, also called gradient checkpointing). The forward pass runs the sequence in segments of at most
 * {@code k} steps (the kernels' capacity) and keeps only the states where each segment starts. The backward pass
 * takes the segments from the last to the first: it runs each segment's forward pass again from its stored states,
 * seeds its final states with the gradient the later segment passed back, and backpropagates through it.
 *
 * <p>The tape therefore holds {@code k} steps instead of {@code T}, plus {@code T/k} stored states; the price is one
 * more forward pass for every segment but the last. Loss and gradients equal a full run's up to rounding, since
 * sums over steps are taken segment by segment. Dropout and zoneout draw each segment's masks from its own key,
 * derived from the run's ({@code k ≥ T} draws exactly the full run's masks), and the recomputed pass draws the same.
 *
 * <p>Unlike {@link ProgramExecutor}, a run allocates: the states stored where each segment starts and the state
 * gradients handed from segment to segment are new arrays, a few per segment.
 *
 * <p>Only what runs forward in time can be split so: no backward-in-time scans, no encoder, a head on every step, and
 * initial states that are zeros or given. Not thread-safe: one per thread, like its {@link ProgramExecutor}.
 */
public final class SegmentedExecutor {

    /** The odd constant of SplitMix64, spacing the segments' noise keys. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final ProgramExecutor segment;
    private final int capacity;
    private final List<Map<String, double[]>> starts = new ArrayList<>();
    private final ParamStore gradients;
    private Map<String, double[]> initialStateGradients = Map.of();
    private Map<String, double[]> finalStates = Map.of();
    private double[][] x;
    private double[][] targets;
    private int steps;
    private int batch;
    private int taped = -1;
    private double loss;
    private long noiseKey;
    private int noiseFirstRow;
    private boolean training;

    /** Splits runs of {@code segment}'s program into segments as long as its kernels' capacity. */
    public SegmentedExecutor(ProgramExecutor segment, int capacity) {
        Require.notNull(segment, "new SegmentedExecutor", "segment");
        requireSplittable(segment.program());
        if (capacity < 1) {
            throw new UnrollException("a segment has at least 1 step, got " + capacity);
        }
        this.segment = segment;
        this.capacity = capacity;
        this.gradients = ParamStore.zeros(segment.program());
    }

    /** Refuses a program whose runs cannot be split in time, saying why. */
    static void requireSplittable(Program program) {
        Model model = program.model();
        String why = model.hasEncoder() ? "it is an encoder–decoder, whose decoder starts from the encoder's end"
                : program.scans().stream().anyMatch(Program.Scan::reverse) ? "a scan runs backward in time"
                : model.head().lastStepOnly() ? "its head reads the last step only"
                : model.initialState() == InitialState.LEARNED ? "it learns its initial states, which only the first"
                        + " segment starts from"
                : null;
        if (why != null) {
            throw new UnrollException("this model cannot be recomputed in segments: " + why + "; train it without"
                    + " segments (keep every step's tape)");
        }
    }

    /** The most steps of one segment. */
    public int capacity() {
        return capacity;
    }

    /** The program this executor runs. */
    public Program program() {
        return segment.program();
    }

    /** Sets every parameter from {@code values}, a store of this program's. */
    public void setParameters(ParamStore values) {
        segment.setParameters(values);
        taped = -1;
    }

    /** As {@link ProgramExecutor#setNoise}; segment {@code i} draws from a key of its own. */
    public void setNoise(long key, int firstRow, boolean training) {
        this.noiseKey = key;
        this.noiseFirstRow = firstRow;
        this.training = training;
        taped = -1;
    }

    /**
     * The forward pass over {@code x.length} steps of {@code batch} rows, every row at full length, from {@code
     * states} (by name; the rest start at zeros); returns the loss, the mean over steps. Keeps {@code x} and
     * {@code targets}, which must not change before {@link #backward}.
     */
    public double forward(double[][] x, double[][] targets, Map<String, double[]> states, int batch) {
        Require.notNull(x, "SegmentedExecutor.forward", "x");
        Require.notNull(targets, "SegmentedExecutor.forward", "targets");
        Require.notNull(states, "SegmentedExecutor.forward", "states");
        if (x.length == 0 || targets.length != x.length) {
            throw new UnrollException("SegmentedExecutor.forward: needs at least one step and a target per step, got "
                    + x.length + " steps of inputs and " + targets.length + " of targets");
        }
        this.x = x;
        this.targets = targets;
        this.steps = x.length;
        this.batch = batch;
        starts.clear();
        // A copy: callers commonly overwrite the map they passed with the final states before the backward pass.
        Map<String, double[]> start = copy(states);
        double total = 0;
        for (int i = 0; i < segments(); i++) {
            starts.add(start);
            total += run(i) * weight(i);
            start = segment.finalStates();
        }
        finalStates = start;
        loss = total;
        return loss;
    }

    /**
     * Backpropagates through the last forward pass with the truncation schedule {@code carry} ({@code T}
     * factors), recomputing every segment but the last.
     */
    public void backward(double[] carry) {
        Require.notNull(carry, "SegmentedExecutor.backward", "carry");
        if (starts.isEmpty() || carry.length != steps) {
            throw new UnrollException("SegmentedExecutor.backward: needs a forward pass first and one carry factor per"
                    + " step of it (" + steps + "), got " + carry.length);
        }
        Map<String, double[]> later = Map.of();
        for (int i = segments() - 1; i >= 0; i--) {
            if (taped != i) {
                run(i);
            }
            double w = weight(i);
            // The segment's own loss is its mean over its steps, w times the run's: seeds are scaled to match.
            segment.setFinalStateGradients(scaled(later, 1 / w));
            segment.backward(Arrays.copyOfRange(carry, first(i), end(i)));
            segment.gradientsInto(gradients, w, i < segments() - 1);
            later = scaled(segment.initialStateGradients(), w);
        }
        segment.setFinalStateGradients(Map.of());
        initialStateGradients = later;
    }

    /** The loss of the last forward pass. */
    public double loss() {
        return loss;
    }

    /** Every parameter's gradient after {@link #backward}, in a new store. */
    public ParamStore gradients() {
        ParamStore out = ParamStore.zeros(program());
        gradientsInto(out, 1.0, false);
        return out;
    }

    /** Writes {@code weight ×} every parameter's gradient into {@code into}, or adds it with {@code add}. */
    public void gradientsInto(ParamStore into, double weight, boolean add) {
        Require.notNull(into, "SegmentedExecutor.gradientsInto", "into");
        into.requireLayout(program().parameters(), "SegmentedExecutor.gradientsInto");
        for (int p = 0; p < program().parameters().size(); p++) {
            double[] from = gradients.values(p);
            double[] to = into.values(p);
            for (int i = 0; i < to.length; i++) {
                to[i] = add ? to[i] + weight * from[i] : weight * from[i];
            }
        }
    }

    /** The gradient with respect to every initial state, by name, after {@link #backward}; new arrays. */
    public Map<String, double[]> initialStateGradients() {
        return copy(initialStateGradients);
    }

    /** The value of every state after the last forward pass, by name; new arrays. */
    public Map<String, double[]> finalStates() {
        Map<String, double[]> out = new LinkedHashMap<>();
        finalStatesInto(out);
        return out;
    }

    /** Writes the value of every state after the last forward pass into {@code into}, reusing its arrays. */
    public void finalStatesInto(Map<String, double[]> into) {
        finalStates.forEach((name, v) -> {
            double[] to = into.get(name);
            if (to == null || to.length != v.length) {
                into.put(name, v.clone());
            } else {
                System.arraycopy(v, 0, to, 0, v.length);
            }
        });
    }

    /** Runs segment {@code i} forward from its stored states, leaving its tape in the kernels; its mean loss. */
    private double run(int i) {
        segment.setNoise(noiseKey + GOLDEN * i, noiseFirstRow, training);
        double l = segment.forward(Arrays.copyOfRange(x, first(i), end(i)),
                Arrays.copyOfRange(targets, first(i), end(i)), starts.get(i), batch);
        taped = i;
        return l;
    }

    private int segments() {
        return (steps + capacity - 1) / capacity;
    }

    private int first(int i) {
        return i * capacity;
    }

    private int end(int i) {
        return Math.min(steps, first(i) + capacity);
    }

    /** Segment {@code i}'s share of the run's steps, by which its mean loss counts in the run's. */
    private double weight(int i) {
        return (double) (end(i) - first(i)) / steps;
    }

    private static Map<String, double[]> copy(Map<String, double[]> values) {
        Map<String, double[]> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, v.clone()));
        return out;
    }

    private static Map<String, double[]> scaled(Map<String, double[]> values, double factor) {
        Map<String, double[]> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            double[] s = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                s[j] = factor * v[j];
            }
            out.put(name, s);
        });
        return out;
    }
}
