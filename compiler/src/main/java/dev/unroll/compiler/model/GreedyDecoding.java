package dev.unroll.compiler.model;

import dev.unroll.kernels.Kernel;
import java.util.Arrays;

/**
 * The decoding loop of {@link ProgramExecutor#greedy}: once the encoder has run, the decoder's kernel steps one
 * token at a time from the hand-over ({@link Kernel#step}), each row reading back its most likely token.
 */
final class GreedyDecoding {

    private GreedyDecoding() {
    }

    /** Row r's tokens up to its first {@code end} (excluded) or {@code maxLength} tokens. */
    static int[][] decode(ProgramExecutor executor, int batch, int end, int maxLength) {
        Kernel kernel = executor.startDecoder();
        int o = kernel.spec().output(Planner.HEAD_OUTPUT);
        double[] logits = new double[kernel.spec().outputs().get(o).length(batch)];
        int vocab = logits.length / batch;
        double[] next = executor.decoderTokens();
        int[][] tokens = new int[batch][maxLength];
        int[] count = new int[batch];
        boolean[] done = new boolean[batch];
        for (int i = 0, open = batch; i < maxLength && open > 0; i++) {
            executor.feedDecoder();
            kernel.step(batch);
            kernel.getOutput(o, 0, logits);
            for (int r = 0; r < batch; r++) {
                int token = argmax(logits, r * vocab, vocab);
                next[r] = token;
                if (!done[r] && token == end) {
                    done[r] = true;
                    open--;
                } else if (!done[r]) {
                    tokens[r][count[r]++] = token;
                }
            }
        }
        int[][] out = new int[batch][];
        for (int r = 0; r < batch; r++) {
            out[r] = Arrays.copyOf(tokens[r], count[r]);
        }
        return out;
    }

    /** The index of the largest of {@code n} values from {@code from}, the first on ties (as torch.argmax). */
    private static int argmax(double[] values, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (values[from + i] > values[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
