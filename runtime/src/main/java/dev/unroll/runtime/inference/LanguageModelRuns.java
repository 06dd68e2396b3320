package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.ProgramExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A language model's forward passes for {@link Predictor}: logits of whole sequences, batched by length, and the
 * cross-entropy of a text in passes of bounded length that carry the state from one to the next.
 */
final class LanguageModelRuns {

    /** The most rows run at once. */
    static final int BATCH = 64;

    private LanguageModelRuns() {
    }

    /** Every sequence's logits at every step ({@code vocab} each), sequences of one length batched together. */
    static List<double[][]> run(ExecutorPool pool, List<int[]> sequences, int vocab) {
        double[][][] out = new double[sequences.size()][][];
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < sequences.size(); i++) {
            byLength.computeIfAbsent(sequences.get(i).length, n -> new ArrayList<>()).add(i);
        }
        byLength.forEach((steps, rows) -> {
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<Integer> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                pool.with(steps, batch.size(), executor -> {
                    batch(executor, sequences, batch, steps, vocab, out);
                    return null;
                });
            }
        });
        return List.of(out);
    }

    private static void batch(ProgramExecutor executor, List<int[]> sequences, List<Integer> rows, int steps,
                              int vocab, double[][][] out) {
        int b = rows.size();
        double[][] x = new double[steps][b];
        for (int r = 0; r < b; r++) {
            int[] tokens = sequences.get(rows.get(r));
            for (int t = 0; t < steps; t++) {
                x[t][r] = tokens[t];
            }
        }
        executor.forward(x, new double[steps][b], Map.of(), b);
        for (int r = 0; r < b; r++) {
            out[rows.get(r)] = new double[steps][];
        }
        for (int t = 0; t < steps; t++) {
            double[] logits = executor.output(t);
            for (int r = 0; r < b; r++) {
                out[rows.get(r)][t] = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
            }
        }
    }

    /**
     * The mean of {@code -ln softmax(logits_t)[ids[t + 1]]} over the text, in passes of at most {@code chunk} steps,
     * each starting from the state the one before ended in.
     */
    static double meanCrossEntropy(ExecutorPool pool, int[] ids, int chunk) {
        int predicted = ids.length - 1;
        return pool.with(Math.min(chunk, predicted), 1, executor -> {
            double sum = 0;
            Map<String, double[]> states = Map.of();
            for (int from = 0; from < predicted; from += chunk) {
                int steps = Math.min(chunk, predicted - from);
                double[][] x = new double[steps][1];
                for (int t = 0; t < steps; t++) {
                    x[t][0] = ids[from + t];
                }
                executor.forward(x, new double[steps][1], states, 1);
                for (int t = 0; t < steps; t++) {
                    sum += crossEntropy(executor.output(t), ids[from + t + 1]);
                }
                states = executor.finalStates();
            }
            return sum / predicted;
        });
    }

    /** {@code -ln softmax(logits)[target]}, computed as {@code logsumexp(logits) - logits[target]}. */
    static double crossEntropy(double[] logits, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - logits[target];
    }
}
