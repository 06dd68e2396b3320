package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Groups sequences into minibatches by length, to cut padding: each epoch shuffles the rows within each length and
 * then the order of the batches, both from a seed and the epoch, so an epoch's batches repeat exactly (and a
 * resumed run sees the same ones). Every sequence appears in exactly one batch per epoch.
 *
 * <p>By default a batch holds rows of one length only, so no row is padded and every task trains exactly with
 * the compiler's unmasked kernels. With mixed lengths ({@link #mixed}) all rows share one bucket, sorted by length
 * (ties shuffled) and cut into batches of nearby lengths, right-padded: fewer, fuller batches, for a masked
 * program that is given each batch's {@link SequenceBatch#lengths()}.
 *
 * <p>Seq2seq pairs are always mixed, by the steps a pair needs ({@link #steps}: its source, or its target and
 * {@code <eos>}, whichever is longer); a batch holds the sources and the decoder's shifted inputs and targets, padded
 * to the same number of steps (teacher forcing: inputs {@code <bos> y1 … yn}, targets {@code y1 … yn <eos>}).
 */
public final class Buckets {

    private final List<Sequence> sequences;
    private final DataSpec spec;
    private final int batch;
    private final boolean mixed;
    private final Map<Integer, List<Integer>> buckets = new TreeMap<>();

    /** Buckets over {@code sequences}, encoded by {@code spec}, in minibatches of at most {@code batch} rows. */
    public Buckets(List<Sequence> sequences, DataSpec spec, int batch) {
        this(sequences, spec, batch, false);
    }

    /** Buckets whose batches mix nearby lengths (padded on the right), in minibatches of at most {@code batch}. */
    public static Buckets mixed(List<Sequence> sequences, DataSpec spec, int batch) {
        return new Buckets(sequences, spec, batch, true);
    }

    private Buckets(List<Sequence> sequences, DataSpec spec, int batch, boolean mixed) {
        this.sequences = List.copyOf(Require.noNulls(sequences, "new Buckets", "sequences"));
        this.spec = Require.notNull(spec, "new Buckets", "spec");
        this.mixed = mixed || spec.task() == Task.SEQ2SEQ;
        if (batch < 1) {
            throw new UnrollException("a minibatch needs at least 1 row, got " + batch);
        }
        if (this.sequences.isEmpty()) {
            throw new UnrollException("there are no sequences to batch; give a data file with at least one example");
        }
        this.batch = batch;
        for (int i = 0; i < this.sequences.size(); i++) {
            buckets.computeIfAbsent(bucketOf(this.sequences.get(i)), k -> new ArrayList<>()).add(i);
        }
        buckets.values().forEach(this::byLength);
    }

    /** The bucket a sequence goes in: its length, so that a batch's rows are equally long, or one for all. */
    private int bucketOf(Sequence s) {
        return mixed ? 0 : steps(s);
    }

    /** Sorts rows by steps, stably (a no-op within a one-length bucket), so neighbours have nearby lengths. */
    private void byLength(List<Integer> rows) {
        rows.sort(Comparator.comparingInt(row -> steps(sequences.get(row))));
    }

    /** The steps {@code s} takes: its length, or for seq2seq the longer of its source and its target plus end. */
    private int steps(Sequence s) {
        return spec.task() == Task.SEQ2SEQ ? Math.max(s.length(), s.y().length + 1) : s.length();
    }

    /** The sequences, in data-set order. */
    public List<Sequence> sequences() {
        return sequences;
    }

    /** The longest sequence's steps: the steps a model must be compiled for. */
    public int maxLength() {
        int max = 0;
        for (Sequence s : sequences) {
            max = Math.max(max, steps(s));
        }
        return max;
    }

    /** The minibatches of epoch {@code epoch} (from 0), shuffled from {@code seed}. */
    public List<SequenceBatch> epoch(long seed, int epoch) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        List<List<Integer>> chunks = new ArrayList<>();
        for (List<Integer> bucket : buckets.values()) {
            List<Integer> rows = new ArrayList<>(bucket);
            Collections.shuffle(rows, random);
            byLength(rows);
            chunk(rows, chunks);
        }
        Collections.shuffle(chunks, random);
        return assemble(chunks);
    }

    /** The minibatches in a fixed order (shortest bucket first, by length and then data-set order within), for evaluation. */
    public List<SequenceBatch> inOrder() {
        List<List<Integer>> chunks = new ArrayList<>();
        for (List<Integer> bucket : buckets.values()) {
            chunk(bucket, chunks);
        }
        return assemble(chunks);
    }

    private void chunk(List<Integer> rows, List<List<Integer>> into) {
        for (int from = 0; from < rows.size(); from += batch) {
            into.add(rows.subList(from, Math.min(rows.size(), from + batch)));
        }
    }

    private List<SequenceBatch> assemble(List<List<Integer>> chunks) {
        List<SequenceBatch> out = new ArrayList<>(chunks.size());
        for (List<Integer> chunk : chunks) {
            out.add(batchOf(chunk));
        }
        return List.copyOf(out);
    }

    private SequenceBatch batchOf(List<Integer> chunk) {
        int b = chunk.size();
        int steps = 0;
        for (int row : chunk) {
            steps = Math.max(steps, steps(sequences.get(row)));
        }
        if (spec.task() == Task.SEQ2SEQ) {
            return pairs(chunk, steps);
        }
        int in = spec.inputWidth();
        int out = spec.targetWidth();
        double[][] x = new double[steps][b * in];
        double[][] y = new double[steps][b * out];
        int[] lengths = new int[b];
        int[] rows = new int[b];
        for (int r = 0; r < b; r++) {
            Sequence s = sequences.get(chunk.get(r));
            lengths[r] = s.length();
            rows[r] = chunk.get(r);
            for (int t = 0; t < s.length(); t++) {
                s.inputInto(t, in, x[t], r * in);
                s.targetInto(t, out, spec.perStep(), y[t], r * out);
            }
        }
        return new SequenceBatch(b, steps, x, y, lengths, rows);
    }

    /** A seq2seq batch: sources, and the targets shifted for teacher forcing, all padded to {@code steps}. */
    private SequenceBatch pairs(List<Integer> chunk, int steps) {
        int b = chunk.size();
        double[][] source = new double[steps][b];
        double[][] x = new double[steps][b];
        double[][] y = new double[steps][b];
        int[] lengths = new int[b];
        int[] sourceLengths = new int[b];
        int[] rows = new int[b];
        for (int r = 0; r < b; r++) {
            Sequence s = sequences.get(chunk.get(r));
            rows[r] = chunk.get(r);
            sourceLengths[r] = s.length();
            for (int t = 0; t < s.length(); t++) {
                source[t][r] = s.x()[t];
            }
            double[] target = s.y();
            lengths[r] = target.length + 1;
            x[0][r] = DataSpec.BEGIN_INDEX;
            for (int t = 0; t < target.length; t++) {
                x[t + 1][r] = target[t];
                y[t][r] = target[t];
            }
            y[target.length][r] = DataSpec.END_INDEX;
        }
        return new SequenceBatch(b, steps, x, y, lengths, rows, source, sourceLengths);
    }
}
