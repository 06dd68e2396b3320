package dev.unroll.runtime.inference;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Examples;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.train.GreedyDecoder;
import dev.unroll.runtime.train.TaskPredictions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sequence-task model's runs for {@link Predictor}: raw outputs, and predictions as {@code unroll predict} prints. */
final class TaskRuns {

    /** The most rows predicted at once. */
    private static final int BATCH = 64;

    private TaskRuns() {
    }

    /**
     * The longest target a seq2seq checkpoint of {@code unroll train} was trained on, checked; 0 for other models
     * and for one saved without it.
     */
    static int longestTarget(ModelCheckpoint.Loaded saved) {
        DataSpec spec = saved.description().task();
        if (spec == null || spec.task() != Task.SEQ2SEQ
                || !saved.fields().checkpoint().metadata().containsKey(ModelCheckpoint.LONGEST_TARGET)) {
            return 0;
        }
        return saved.fields().integer(ModelCheckpoint.LONGEST_TARGET, 1, Integer.MAX_VALUE / 2);
    }

    /** The most tokens of a decoding: {@code asked} if given (> 0), else twice the longest training target. */
    static int maxLength(DataSpec spec, int asked, int longestTarget) {
        if (spec.task() != Task.SEQ2SEQ || asked > 0) {
            return asked;
        }
        if (longestTarget == 0) {
            throw new UnrollException("Predictor.predict: this seq2seq model's checkpoint records no longest training"
                    + " target ('" + ModelCheckpoint.LONGEST_TARGET + "'), which bounds a decoding by default; pass maxLength > 0");
        }
        return 2 * longestTarget;
    }

    /** The head's outputs for token sequences of a categorical, non-seq2seq task. */
    static List<double[][]> run(ExecutorPool pool, DataSpec spec, List<int[]> tokens) {
        List<Sequence> sequences = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int[] row = tokens.get(i);
            double[] x = new double[row.length];
            for (int t = 0; t < row.length; t++) {
                x[t] = row[t];
            }
            sequences.add(new Sequence("sequence " + i, row.length, x,
                    new double[spec.perStep() ? row.length * spec.targetWidth() : spec.targetWidth()]));
        }
        int longest = sequences.stream().mapToInt(Sequence::length).max().orElse(1);
        return pool.with(longest, Math.min(BATCH, Math.max(1, sequences.size())),
                executor -> new TaskPredictions(executor, spec).outputs(sequences));
    }

    /** The predictions for {@code lines}, each as the task's data files write a sequence. */
    static List<String> predict(ExecutorPool pool, DataSpec spec, List<String> lines, int maxLength) {
        return predictExamples(pool, spec, LineFormat.parseInputs("the lines given", String.join("\n", lines),
                spec.kind()), maxLength);
    }

    /** The predictions for the sequences of {@code data}. */
    static List<String> predict(ExecutorPool pool, DataSpec spec, Path data, int maxLength) {
        return predictExamples(pool, spec, Examples.inputs(data, spec.kind(), spec.task()).list(), maxLength);
    }

    private static List<String> predictExamples(ExecutorPool pool, DataSpec spec, List<RawExample> examples,
                                                int maxLength) {
        List<Sequence> sequences = new ArrayList<>();
        for (RawExample e : examples) {
            sequences.add(spec.inputs(e));
        }
        if (sequences.isEmpty()) {
            return List.of();
        }
        int longest = sequences.stream().mapToInt(Sequence::length).max().orElseThrow();
        boolean seq2seq = spec.task() == Task.SEQ2SEQ;
        int steps = seq2seq ? Math.max(longest, maxLength) : longest;
        return pool.with(steps, Math.min(BATCH, sequences.size()), executor -> seq2seq
                ? new GreedyDecoder(executor, spec).decode(sequences, maxLength)
                : new TaskPredictions(executor, spec).predict(sequences));
    }
}
