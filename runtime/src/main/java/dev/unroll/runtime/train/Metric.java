package dev.unroll.runtime.train;

import dev.unroll.runtime.data.Task;
import java.util.Locale;

/** The figure a task is judged by on validation data, and how an epoch's line shows it. */
public enum Metric {
    /** exp of the mean cross-entropy (language models); lower is better. */
    PERPLEXITY,
    /** The share of labels predicted right (classify: sequences; label: tokens); higher is better. */
    ACCURACY,
    /** The mean squared error over every target value (regress); lower is better. */
    MSE,
    /** The share of sequences whose greedy decoding equals the target exactly (seq2seq); higher is better. */
    EXACT_MATCH;

    /** The metric of {@code task}. */
    public static Metric of(Task task) {
        return switch (task) {
            case CLASSIFY, LABEL -> ACCURACY;
            case REGRESS -> MSE;
            case LM -> PERPLEXITY;
            case SEQ2SEQ -> EXACT_MATCH;
        };
    }

    /** Whether {@code candidate} is better than {@code best} ({@code NaN}: no best yet). */
    public boolean better(double candidate, double best) {
        if (Double.isNaN(best)) {
            return true;
        }
        return switch (this) {
            case ACCURACY, EXACT_MATCH -> candidate > best;
            case PERPLEXITY, MSE -> candidate < best;
        };
    }

    /** The metric as an epoch's line shows it, e.g. {@code validation accuracy 0.9125}. */
    public String show(String prefix, double value) {
        return switch (this) {
            case PERPLEXITY -> String.format(Locale.ROOT, "%sperplexity %.3f", prefix, value);
            case ACCURACY -> String.format(Locale.ROOT, "%saccuracy %.4f", prefix, value);
            case EXACT_MATCH -> String.format(Locale.ROOT, "%sexact match %.4f", prefix, value);
            case MSE -> String.format(Locale.ROOT, "%smse %.5g  rmse %.5g", prefix, value, Math.sqrt(value));
        };
    }
}
