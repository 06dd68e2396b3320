package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.SegmentedExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Splits a minibatch's rows (in data-parallel training, this process's rows) over executors, one per thread, and
 * combines their results in a fixed order, so the loss and gradients do not depend on the number of threads beyond
 * rounding. At a fixed batch a step allocates
 * nothing: inputs, carried states and the combined gradients live in buffers reused from step to step. Recomputing
 * segments is the exception: each segment's stored states and the gradients passed between segments are new arrays,
 * a few state-sized arrays per segment against a segment's worth of compute.
 */
final class Workers implements AutoCloseable {

    private final List<ProgramExecutor> executors;
    // The executors recomputing segments, one per worker over its executor; null when every step's tape is kept.
    private final List<SegmentedExecutor> segmented;
    // Each worker's rows [from, to) of the current batch, recomputed when the batch changes.
    private final int[] from;
    private final int[] to;
    private final double[] losses;
    private final double[][][] inputs;
    private final double[][][] targets;
    private final double[][][] sources;
    private final int[][] rowLengths;
    private final int[][] sourceRowLengths;
    private final int[][][] decoded;
    private final List<Map<String, double[]>> carried = new ArrayList<>();
    private final ParamStore gradients;
    private final Crew crew;
    // This process's part of every minibatch: all of it, unless training is data-parallel.
    private final DataParallel part;
    // Whether a worker's weight is its share of this process's rows rather than of the whole minibatch.
    private boolean weighLocally;
    private final IntConsumer stepTask = this::step;
    private final IntConsumer decodeTask = this::decode;
    private final IntConsumer parameterTask = this::setParameters;
    // The arguments of the current round: written before the crew starts it, read by the workers during it.
    private ParamStore params;
    private int steps;
    private int batch;
    private double[][] x;
    private double[][] y;
    private int[] lengths;
    private double[][] source;
    private int[] sourceLengths;
    private boolean continues;
    private double[] carry;
    private long noiseKey;
    private boolean training;
    private int start;
    private int end;
    private int maxLength;

    Workers(List<ProgramExecutor> executors) {
        this(executors, 0, DataParallel.single());
    }

    /**
     * Workers over {@code executors} for this process's rows of each minibatch ({@code part}); with {@code segment >
     * 0} each recomputes segments of that many steps (its executor's capacity) instead of keeping every step's tape.
     */
    Workers(List<ProgramExecutor> executors, int segment, DataParallel part) {
        this.executors = List.copyOf(executors);
        this.part = part;
        this.segmented = segment == 0 ? null
                : this.executors.stream().map(e -> new SegmentedExecutor(e, segment)).toList();
        int n = executors.size();
        this.crew = n > 1 ? new Crew(n) : null;
        this.gradients = ParamStore.zeros(executors.get(0).program());
        from = new int[n];
        to = new int[n];
        losses = new double[n];
        inputs = new double[n][][];
        targets = new double[n][][];
        sources = new double[n][][];
        rowLengths = new int[n][];
        sourceRowLengths = new int[n][];
        decoded = new int[n][][];
        for (int i = 0; i < n; i++) {
            carried.add(new LinkedHashMap<>());
        }
    }

    /**
     * Splits this process's part of {@code rows} rows over the workers; a worker may get none when there are fewer
     * rows than workers.
     */
    private void split(int rows) {
        int n = executors.size();
        int first = part.from(rows);
        int mine = part.to(rows) - first;
        for (int i = 0; i < n; i++) {
            from[i] = first + mine * i / n;
            to[i] = first + mine * (i + 1) / n;
        }
    }

    /**
     * Whether the following runs weigh each worker by its share of this process's rows (each process training on
     * its own, as under parameter averaging) rather than of the whole minibatch.
     */
    void weighLocally(boolean local) {
        weighLocally = local;
    }

    /**
     * Sets the randomness of the following runs: training mode with masks drawn from {@code key}, or evaluation mode.
     * Each worker numbers its rows from its first row in the minibatch, so the masks do not depend on the split.
     */
    void setNoise(long key, boolean trainingMode) {
        noiseKey = key;
        training = trainingMode;
    }

    /** Sets the parameters of every executor. */
    void setParameters(ParamStore newParams) {
        this.params = newParams;
        run(parameterTask);
    }

    /**
     * Forward (and, with {@code carry}, backward) over the loaded minibatch of {@code b}: its inputs, targets and
     * (seq2seq) source, one array of {@code batch × width} values per step; when it continues the one before, each
     * worker starts from the states its rows ended with last time; its lengths, if any, go to a masked program.
     * Returns the loss; the gradients, after a backward pass, are in {@link #gradients()}.
     */
    double run(Batches b, double[] newCarry) {
        take(b);
        continues = b.continues();
        carry = newCarry;
        run(stepTask);
        double loss = 0;
        boolean first = true;
        for (int i = 0; i < executors.size(); i++) {
            if (to[i] == from[i]) {
                continue;
            }
            double w = share(i);
            loss += w * losses[i];
            if (carry != null && segmented != null) {
                segmented.get(i).gradientsInto(gradients, w, !first);
            } else if (carry != null) {
                executors.get(i).gradientsInto(gradients, w, !first);
            }
            first = false;
        }
        return loss;
    }

    /**
     * Greedy decodings of every row of the loaded seq2seq minibatch of {@code b}, from token {@code startToken}
     * until {@code endToken} (excluded) or {@code most} tokens: each worker decodes its own rows.
     */
    int[][] greedy(Batches b, int startToken, int endToken, int most) {
        take(b);
        start = startToken;
        end = endToken;
        maxLength = most;
        run(decodeTask);
        int[][] out = new int[batch][];
        for (int i = 0; i < executors.size(); i++) {
            if (to[i] > from[i]) {
                System.arraycopy(decoded[i], 0, out, from[i], to[i] - from[i]);
            }
        }
        return out;
    }

    /** Takes the loaded minibatch of {@code b} as the arguments of the next round. */
    private void take(Batches b) {
        steps = b.steps();
        if (b.batch() != batch) {
            split(b.batch());
        }
        batch = b.batch();
        x = b.x();
        y = b.y();
        lengths = b.lengths();
        source = b.source();
        sourceLengths = b.sourceLengths();
    }

    /**
     * Worker i's share of the minibatch loss: its rows' share, or with lengths and an every-step head its valid
     * steps' share, since each worker's loss is then a mean over its own valid steps.
     */
    private double share(int i) {
        if (lengths == null || executors.get(i).program().model().head().lastStepOnly()) {
            return (double) (to[i] - from[i]) / (weighLocally ? part.to(batch) - part.from(batch) : batch);
        }
        return (double) validSteps(from[i], to[i]) / validSteps(0, batch);
    }

    private long validSteps(int first, int end) {
        long n = 0;
        for (int r = first; r < end; r++) {
            n += lengths[r];
        }
        return n;
    }

    /** The head's outputs at step {@code t} of the last run, every worker's rows in order: a new array. */
    double[] outputs(int t) {
        if (segmented != null) {
            throw new IllegalStateException("internal: outputs of a run recomputed in segments are not kept");
        }
        double[] out = null;
        for (int i = 0; i < executors.size(); i++) {
            if (to[i] == from[i]) {
                continue;
            }
            double[] part = executors.get(i).output(t);
            int width = part.length / (to[i] - from[i]);
            out = out == null ? new double[batch * width] : out;
            System.arraycopy(part, 0, out, from[i] * width, part.length);
        }
        return out;
    }

    /** The combined gradients of the last {@link #run} with a carry: reused, overwritten by the next one. */
    ParamStore gradients() {
        return gradients;
    }

    private void setParameters(int i) {
        if (segmented != null) {
            segmented.get(i).setParameters(params);
        } else {
            executors.get(i).setParameters(params);
        }
    }

    private void step(int i) {
        ProgramExecutor ex = executors.get(i);
        int rows = to[i] - from[i];
        if (rows == 0) {
            return;
        }
        ex.setNoise(noiseKey, from[i], training);
        inputs[i] = columns(inputs[i], x, rows, from[i]);
        targets[i] = columns(targets[i], y, rows, from[i]);
        Map<String, double[]> states = continues ? carried.get(i) : Map.of();
        if (segmented != null) {
            stepSegmented(segmented.get(i), states, rows, i);
            return;
        }
        if (source != null) {
            sources[i] = columns(sources[i], source, rows, from[i]);
            losses[i] = ex.forward(sources[i], part(sourceRowLengths, i, sourceLengths), inputs[i], targets[i],
                    states, rows, part(rowLengths, i, lengths));
        } else if (lengths == null) {
            losses[i] = ex.forward(inputs[i], targets[i], states, rows);
        } else {
            losses[i] = ex.forward(inputs[i], targets[i], states, rows, part(rowLengths, i, lengths));
        }
        ex.finalStatesInto(carried.get(i));
        if (carry != null) {
            ex.backward(carry);
        }
    }

    /** Worker i's step recomputing segments: a language model's full-length rows, so no source and no lengths. */
    private void stepSegmented(SegmentedExecutor ex, Map<String, double[]> states, int rows, int i) {
        ex.setNoise(noiseKey, from[i], training);
        losses[i] = ex.forward(inputs[i], targets[i], states, rows);
        ex.finalStatesInto(carried.get(i));
        if (carry != null) {
            ex.backward(carry);
        }
    }

    private void decode(int i) {
        int rows = to[i] - from[i];
        if (rows > 0) {
            executors.get(i).setNoise(noiseKey, from[i], training);
            sources[i] = columns(sources[i], source, rows, from[i]);
            decoded[i] = executors.get(i).greedy(sources[i], part(sourceRowLengths, i, sourceLengths), rows, start,
                    end, maxLength);
        }
    }

    /**
     * Worker i's rows of {@code all} (row lengths), in {@code buffers[i]} reused while its number of rows stays the
     * same; {@code null} for {@code null} (every row full).
     */
    private int[] part(int[][] buffers, int i, int[] all) {
        if (all == null) {
            return null;
        }
        int rows = to[i] - from[i];
        if (buffers[i] == null || buffers[i].length != rows) {
            buffers[i] = new int[rows];
        }
        System.arraycopy(all, from[i], buffers[i], 0, rows);
        return buffers[i];
    }

    /** This worker's rows of {@code values} as {@code [T][rows × width]}, in {@code out} if it has that shape. */
    private double[][] columns(double[][] out, double[][] values, int rows, int first) {
        int width = values[0].length / batch;
        double[][] cols = out != null && out.length == steps && out[0].length == rows * width ? out
                : new double[steps][rows * width];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(values[t], first * width, cols[t], 0, rows * width);
        }
        return cols;
    }

    private void run(IntConsumer task) {
        if (crew == null) {
            task.accept(0);
        } else {
            crew.run(task);
        }
    }

    @Override
    public void close() {
        if (crew != null) {
            crew.close();
        }
    }
}
