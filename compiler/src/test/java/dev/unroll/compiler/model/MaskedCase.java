package dev.unroll.compiler.model;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.loss.Loss;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A random masked model and batch: the cell kind, a bidirectional first layer or not, one or two layers, a head on
 * every step or on the last, tokens with cross-entropy or features with squared error, each row's length, how much
 * padding to append, the truncation and the seed of parameters and data.
 */
record MaskedCase(int kind, boolean bidirectional, int depth, boolean lastStep, boolean tokens, int batch, int steps,
                  int[] lengths, int pad, Truncation truncation, long seed) {

    static final int CLASSES = 3;
    static final int FEATURES = 2;

    static Gen<MaskedCase> cases() {
        return c -> {
            int steps = Gens.integers(1, 5).generate(c);
            int batch = Gens.integers(1, 3).generate(c);
            int[] lengths = new int[batch];
            for (int r = 0; r < batch; r++) {
                lengths[r] = Gens.integers(1, steps).generate(c);
            }
            boolean bidirectional = Gens.booleans().generate(c);
            int cut = Gens.integers(0, 2).generate(c);
            Truncation truncation = cut == 0 ? Truncation.full() : cut == 1
                    ? Truncation.fixed(Gens.integers(1, steps).generate(c)) : Truncation.randomized(0.5);
            return new MaskedCase(Gens.integers(0, 2).generate(c), bidirectional,
                    Gens.integers(1, 2).generate(c), Gens.booleans().generate(c), Gens.booleans().generate(c), batch,
                    steps, lengths, Gens.integers(1, 3).generate(c), truncation,
                    Gens.longs(0, Long.MAX_VALUE).generate(c));
        };
    }

    /** The model, masked or not. */
    Model model(boolean masked) {
        Layer first = switch (kind) {
            case 0 -> Layer.rnn(3);
            case 1 -> Layer.lstm(2);
            default -> Layer.gru(2);
        };
        Model.Builder b = Model.of(tokens ? Encoding.oneHot(CLASSES) : Encoding.features(FEATURES))
                .layer(bidirectional ? first.bidirectional() : first).layers(depth, Layer.rnn(2))
                .head(lastStep ? Head.lastStep(CLASSES) : Head.everyStep(CLASSES))
                .loss(tokens ? Loss.SOFTMAX_CROSS_ENTROPY : Loss.MEAN_SQUARED_ERROR);
        return (masked ? b.masked() : b).build();
    }

    /** The inputs of {@code total ≥ steps} steps: the case's data, then padding drawn from its own stream. */
    double[][] inputs(int total) {
        return data(total, tokens ? 1 : FEATURES, 1);
    }

    /** The targets of {@code total} steps, drawn like {@link #inputs}. */
    double[][] targets(int total) {
        return data(total, tokens ? 1 : CLASSES, 2);
    }

    /** The carry factors of {@code total} steps: the same first {@code steps} factors whatever the total. */
    double[] carry(int total) {
        double[] all = truncation.carry(Math.max(total, steps), seed);
        return Arrays.copyOf(all, total);
    }

    private double[][] data(int total, int cols, long stream) {
        SplittableRandom valid = new SplittableRandom(seed + stream);
        SplittableRandom padding = new SplittableRandom(~seed - stream);
        double[][] out = new double[total][batch * cols];
        for (int t = 0; t < total; t++) {
            SplittableRandom rng = t < steps ? valid : padding;
            for (int i = 0; i < out[t].length; i++) {
                out[t][i] = tokens ? rng.nextInt(CLASSES) : rng.nextGaussian();
            }
        }
        return out;
    }

    /** Row {@code r} alone over its own length. */
    double[][] row(double[][] all, int r) {
        int cols = all[0].length / batch;
        double[][] out = new double[lengths[r]][];
        for (int t = 0; t < out.length; t++) {
            out[t] = Arrays.copyOfRange(all[t], r * cols, (r + 1) * cols);
        }
        return out;
    }

    /** Everything a run gives: the loss, the gradients, the final states and the head at each row's last step. */
    record Outcome(double loss, ParamStore gradients, Map<String, double[]> finalStates, double[] lastOutputs) {
    }

    /** A forward and backward run of {@code executor} on {@code x}, {@code y} with {@code lengths}. */
    static Outcome run(ProgramExecutor executor, ParamStore params, double[][] x, double[][] y, int rows,
                       int[] lengths, double[] carry) {
        executor.setParameters(params);
        double loss = executor.forward(x, y, Map.of(), rows, lengths);
        executor.backward(carry);
        return new Outcome(loss, executor.gradients(), executor.finalStates(), executor.outputsAtLastValidStep());
    }
}
