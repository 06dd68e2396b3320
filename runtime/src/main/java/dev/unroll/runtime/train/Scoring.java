package dev.unroll.runtime.train;

import dev.unroll.runtime.data.Task;

/**
 * Accumulates a task's validation metric over minibatches from their losses and the head's outputs: perplexity
 * from the mean loss, accuracy from the arg-max of the logits at the last step (classify) or every valid step
 * (label), the mean squared error from the predictions at the last step or every valid step (regress), the
 * exact-match share of greedy decodings (seq2seq, {@link #addDecoded}).
 */
final class Scoring {

    /** Reads the head's outputs at a step of the last forward pass into a {@code batch × width} array. */
    interface Outputs {
        double[] at(int t);
    }

    private final Task task;
    private final boolean perStep;
    private double sum;
    private long count;

    Scoring(Task task, boolean perStep) {
        this.task = task;
        this.perStep = perStep;
    }

    /** Adds one minibatch: its mean loss and its outputs. */
    void add(Batches b, double loss, Outputs outputs) {
        switch (task) {
            case LM -> {
                sum += loss;
                count++;
            }
            case CLASSIFY -> steps(b, outputs, false, true);
            case LABEL -> steps(b, outputs, true, true);
            case REGRESS -> steps(b, outputs, perStep, false);
            case SEQ2SEQ -> throw new IllegalStateException("seq2seq is scored by its decodings (addDecoded)");
        }
    }

    /**
     * Adds one seq2seq minibatch: row r counts as right when {@code decoded[r]} is its target exactly, the
     * targets {@code y()[t]} before the row's last step (which holds {@code <eos>}).
     */
    void addDecoded(Batches b, int[][] decoded) {
        for (int r = 0; r < b.batch(); r++) {
            int n = b.length(r) - 1;
            boolean right = decoded[r].length == n;
            for (int t = 0; right && t < n; t++) {
                right = decoded[r][t] == (int) b.y()[t][r];
            }
            sum += right ? 1 : 0;
            count++;
        }
    }

    private void steps(Batches b, Outputs outputs, boolean everyStep, boolean labels) {
        for (int t = everyStep ? 0 : shortest(b) - 1; t < b.steps(); t++) {
            double[] out = outputs.at(t);
            double[] target = b.y()[t];
            int width = out.length / b.batch();
            int targetWidth = target.length / b.batch();
            for (int r = 0; r < b.batch(); r++) {
                if (t >= b.length(r) || !everyStep && t != b.length(r) - 1) {
                    continue;
                }
                if (labels) {
                    sum += argmax(out, r * width, width) == (int) target[r] ? 1 : 0;
                    count++;
                } else {
                    for (int c = 0; c < targetWidth; c++) {
                        double d = out[r * width + c] - target[r * targetWidth + c];
                        sum += d * d;
                        count++;
                    }
                }
            }
        }
    }

    private static int shortest(Batches b) {
        int min = b.steps();
        for (int r = 0; r < b.batch(); r++) {
            min = Math.min(min, b.length(r));
        }
        return min;
    }

    /**
     * Sums a language model's losses across the processes of data-parallel evaluation, each of which added its
     * rows' losses weighted by their share of every minibatch; the other tasks are scored in one process.
     */
    void sumAcross(DataParallel parallel) {
        if (task == Task.LM) {
            sum = parallel.evaluationLoss(sum);
        }
    }

    /** The metric over everything added. */
    double value() {
        return task == Task.LM ? Math.exp(sum / count) : sum / count;
    }

    /** The index of the largest of {@code width} values from {@code from} (the first of equals). */
    static int argmax(double[] values, int from, int width) {
        int best = 0;
        for (int i = 1; i < width; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
