package dev.unroll.runtime.train;

import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates tokens like d2l's {@code predict('time traveller ', n)}: warms the state up on a prefix, then predicts
 * one token at a time, greedily (temperature 0) or by sampling from {@code softmax(logits / temperature)}.
 */
public final class TextGenerator {

    private TextGenerator() {
    }

    /** The {@code count} token ids that follow {@code prefix} (which must not be empty). */
    public static int[] continueFrom(ProgramExecutor executor, int[] prefix, int count, double temperature,
                                     long seed) {
        requireForwardOnly(executor.program());
        if (prefix.length == 0) {
            throw new UnrollException("generation needs a non-empty prefix to warm the state up");
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new UnrollException("the temperature must be finite and ≥ 0 (0 = greedy), got " + temperature);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, double[]> states = Map.of();
        double[] logits = null;
        for (int token : prefix) {
            logits = advance(executor, token, states);
            states = executor.finalStates();
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = temperature == 0 ? argmax(logits) : sample(logits, temperature, rng);
            logits = advance(executor, out[i], states);
            states = executor.finalStates();
        }
        return out;
    }

    private static double[] advance(ProgramExecutor executor, int token, Map<String, double[]> states) {
        executor.forward(new double[][] {{token}}, new double[][] {{0}}, states, 1);
        return executor.output(0);
    }

    private static void requireForwardOnly(Program program) {
        List<String> reverse = new ArrayList<>();
        program.scans().stream().filter(Program.Scan::reverse).forEach(s -> reverse.add(s.name()));
        if (!reverse.isEmpty()) {
            throw new UnrollException("generation predicts the next token from the past only, but scans " + reverse
                    + " run backward in time; generate with a unidirectional model");
        }
    }

    static int argmax(double[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    static int sample(double[] logits, double temperature, SplittableRandom rng) {
        double max = logits[argmax(logits)];
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < p.length; i++) {
            u -= p[i];
            if (u <= 0) {
                return i;
            }
        }
        return p.length - 1;
    }
}
