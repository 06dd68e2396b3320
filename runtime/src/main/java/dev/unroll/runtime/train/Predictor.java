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
 * A trained model's predictions, one line per sequence in data order: the label (classify), a label per token
 * separated by spaces (label), or the numbers, comma-separated, for the sequence or per token (regress).
 */
public final class Predictor {

    private final ProgramExecutor executor;
    private final DataSpec spec;

    /** Predicts with {@code executor}, whose parameters are set, for data encoded by {@code spec}. */
    public Predictor(ProgramExecutor executor, DataSpec spec) {
        this.executor = Require.notNull(executor, "new Predictor", "executor");
        this.spec = Require.notNull(spec, "new Predictor", "spec");
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
        String[] lines = new String[sequences.size()];
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
                lines[b.rows()[r]] = line(outputs, r, b.lengths()[r]);
            }
        }
        return Arrays.asList(lines);
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

    /** Row r's fields: its outputs at every valid step, or at its last valid step. */
    private String line(List<double[]> outputs, int row, int length) {
        if (!spec.perStep()) {
            return field(outputs.get(0), row);
        }
        List<String> fields = new ArrayList<>();
        for (int t = 0; t < length; t++) {
            fields.add(field(outputs.get(t), row));
        }
        return String.join(" ", fields);
    }

    private String field(double[] out, int row) {
        int width = spec.outputs();
        if (spec.task() != Task.REGRESS) {
            return spec.labels().name(Scoring.argmax(out, row * width, width));
        }
        List<String> numbers = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            numbers.add(String.format(Locale.ROOT, "%.6g", out[row * width + c]));
        }
        return String.join(",", numbers);
    }
}
