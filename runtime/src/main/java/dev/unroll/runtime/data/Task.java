package dev.unroll.runtime.data;

/**
 * What a model learns from a sequence: one label, a label per token, numbers, the next token, or another sequence.
 */
public enum Task {
    /** One class label per sequence, read from the last step: softmax cross-entropy, scored by accuracy. */
    CLASSIFY,
    /** One label per token: softmax cross-entropy at every step, scored by token accuracy. */
    LABEL,
    /** One vector of numbers per sequence (last step) or per token (every step): mean squared error. */
    REGRESS,
    /** The next token at every step: softmax cross-entropy, scored by perplexity. */
    LM,
    /**
     * Another sequence of tokens: an encoder reads the source, a decoder emits the target token by token (teacher
     * forcing in training, greedy decoding to predict), scored by exact-match sequence accuracy.
     */
    SEQ2SEQ;

    /** The task's name on the command line and in files. */
    public String flag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
