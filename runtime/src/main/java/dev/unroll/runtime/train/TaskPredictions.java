package dev.unroll.runtime.train;

import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.SequenceBatch;
import dev.unroll.runtime.data.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained sequence-task model's predictions, one line per sequence in data order: the label (classify), a label per
 * token separated by spaces (label), or the numbers, comma-separated, for the sequence or per token (regress); or
 * the head's raw outputs per sequence.
 */
public final class TaskPredictions {

    private final ProgramExecutor executor;
    private final DataSpec spec;

    /** Predicts with {@code executor}, whose parameters are set, for data encoded by {@code spec}. */
    public TaskPredictions(ProgramExecutor executor, DataSpec spec) {
        this.executor = Require.notNull(executor, "new TaskPredictions", "executor");
        this.spec = Require.notNull(spec, "new TaskPredictions", "spec");
        if (spec.task() == Task.LM) {
            throw new UnrollException("a language model continues text rather than predicting a target per line;"
                    + " use generate");
        }
        if (spec.task() == Task.SEQ2SEQ) {
            throw new UnrollException("a seq2seq model decodes its target token by token rather than predicting a"
                    + " target per step; use GreedyDecoder");
        }
    }

    /**
     * One prediction line per sequence, in the order given. A masked program reads batches of mixed lengths
     * ({@link Buckets#mixed}); the others batches of one length.
     */
    public List<String> predict(List<Sequence> sequences) {
        List<double[][]> outputs = outputs(sequences);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            lines.add(line(outputs.get(i)));
        }
        return lines;
    }

    /**
     * The head's outputs for every sequence, in the order given: per sequence an array of its steps' outputs (at
     * every step for a per-step head, else one, at its last step), each of {@code spec.outputs()} values.
     */
    public List<double[][]> outputs(List<Sequence> sequences) {
        double[][][] rows = new double[sequences.size()][][];
        boolean masked = executor.program().model().masked();
        Buckets buckets = masked ? Buckets.mixed(sequences, spec, executor.maxBatch())
                : new Buckets(sequences, spec, executor.maxBatch());
        for (SequenceBatch b : buckets.inOrder()) {
            double[][] targets = new double[b.steps()][b.batch() * spec.targetWidth()];
            if (b.full()) {
                executor.forward(b.x(), targets, Map.of(), b.batch());
            } else {
                executor.forward(b.x(), targets, Map.of(), b.batch(), b.lengths());
            }
            List<double[]> outputs = outputs(b);
            for (int r = 0; r < b.batch(); r++) {
                rows[b.rows()[r]] = row(outputs, r, spec.perStep() ? b.lengths()[r] : 1);
            }
        }
        return Arrays.asList(rows);
    }

    /** The head's outputs of the last forward pass: at every step, or one entry, each row at its last valid step. */
    private List<double[]> outputs(SequenceBatch b) {
        if (!spec.perStep()) {
            return List.of(executor.outputsAtLastValidStep());
        }
        List<double[]> outputs = new ArrayList<>();
        for (int t = 0; t < b.steps(); t++) {
            outputs.add(executor.output(t));
        }
        return outputs;
    }

    /** Row r's outputs at its first {@code steps} steps (of {@code outputs}), each of the head's width. */
    private double[][] row(List<double[]> outputs, int row, int steps) {
        int width = spec.outputs();
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            out[t] = Arrays.copyOfRange(outputs.get(t), row * width, (row + 1) * width);
        }
        return out;
    }

    /** A sequence's fields: its outputs at every valid step, or at its last valid step, separated by spaces. */
    private String line(double[][] outputs) {
        List<String> fields = new ArrayList<>();
        for (double[] out : outputs) {
            fields.add(field(out));
        }
        return String.join(" ", fields);
    }

    private String field(double[] out) {
        if (spec.task() != Task.REGRESS) {
            return spec.labels().name(Scoring.argmax(out, 0, out.length));
        }
        List<String> numbers = new ArrayList<>();
        for (double v : out) {
            numbers.add(String.format(Locale.ROOT, "%.6g", v));
        }
        return String.join(",", numbers);
    }
}
