package dev.unroll.compiler.model;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random encoder–decoder and batch: the cell kind, a bidirectional encoder or not, one or two layers, a decoder
 * reading the context or not, one-hot or embedded sources, each row's source and target lengths, how much padding to
 * append, and the seed of parameters and data.
 */
record Seq2SeqCase(int kind, boolean bidirectional, int depth, boolean context, boolean embedded, int batch,
                   int steps, int[] sourceLengths, int[] lengths, int pad, long seed) {

    static final int SOURCE_VOCAB = 4;
    static final int TARGET_VOCAB = 3;
    static final int HIDDEN = 2;

    static Gen<Seq2SeqCase> cases() {
        return c -> {
            int steps = Gens.integers(1, 4).generate(c);
            int batch = Gens.integers(1, 3).generate(c);
            int[] sourceLengths = new int[batch];
            int[] lengths = new int[batch];
            for (int r = 0; r < batch; r++) {
                sourceLengths[r] = Gens.integers(1, steps).generate(c);
                lengths[r] = Gens.integers(1, steps).generate(c);
            }
            return new Seq2SeqCase(Gens.integers(0, 2).generate(c), Gens.booleans().generate(c),
                    Gens.integers(1, 2).generate(c), Gens.booleans().generate(c), Gens.booleans().generate(c), batch,
                    steps, sourceLengths, lengths, Gens.integers(1, 2).generate(c),
                    Gens.longs(0, Long.MAX_VALUE).generate(c));
        };
    }

    /** The model: an encoder of {@code depth} layers, a decoder as deep whose first layer may read the context. */
    Model model() {
        int decoderHidden = bidirectional ? 2 * HIDDEN : HIDDEN;
        Layer encoderLayer = bidirectional ? layer(HIDDEN).bidirectional() : layer(HIDDEN);
        Layer first = context ? Layer.of(in -> contextCell(in, decoderHidden)) : layer(decoderHidden);
        Encoding source = embedded ? Encoding.embedding(SOURCE_VOCAB, 3) : Encoding.oneHot(SOURCE_VOCAB);
        Encoder encoder = Encoder.of(source, java.util.Collections.nCopies(depth, encoderLayer));
        Model.Builder b = Model.of(Encoding.oneHot(TARGET_VOCAB)).encoder(encoder).layer(first);
        if (depth > 1) {
            b.layers(depth - 1, layer(decoderHidden));
        }
        return b.head(Head.everyStep(TARGET_VOCAB)).build();
    }

    private Layer layer(int hidden) {
        return switch (kind) {
            case 0 -> Layer.rnn(hidden);
            case 1 -> Layer.lstm(hidden);
            default -> Layer.gru(hidden);
        };
    }

    /** The case's cell kind with a second input, the context, read by every gate. */
    private Cell contextCell(int in, int hidden) {
        return switch (kind) {
            case 0 -> dev.unroll.dsl.cells.ContextCells.rnn(in, hidden, hidden);
            case 1 -> dev.unroll.dsl.cells.ContextCells.lstm(in, hidden, hidden);
            default -> dev.unroll.dsl.cells.ContextCells.gru(in, hidden, hidden);
        };
    }

    /** The source tokens of {@code total ≥ steps} steps: the case's data, then padding from its own stream. */
    double[][] source(int total) {
        return tokens(total, SOURCE_VOCAB, 1);
    }

    /** The decoder's input tokens of {@code total} steps. */
    double[][] inputs(int total) {
        return tokens(total, TARGET_VOCAB, 2);
    }

    /** The target tokens of {@code total} steps. */
    double[][] targets(int total) {
        return tokens(total, TARGET_VOCAB, 3);
    }

    private double[][] tokens(int total, int vocab, long stream) {
        SplittableRandom valid = new SplittableRandom(seed + stream);
        SplittableRandom padding = new SplittableRandom(~seed - stream);
        double[][] out = new double[total][batch];
        for (int t = 0; t < total; t++) {
            for (int r = 0; r < batch; r++) {
                double v = valid.nextInt(vocab);
                double p = padding.nextInt(vocab);
                out[t][r] = t < steps ? v : p;
            }
        }
        return out;
    }

    /** Row {@code r} of {@code all}, over {@code length} steps padded to {@code total} with its own padding. */
    static double[][] row(double[][] all, int r, int total) {
        double[][] out = new double[total][1];
        for (int t = 0; t < total; t++) {
            out[t][0] = all[t][r];
        }
        return out;
    }

    @Override
    public String toString() {
        return "Seq2SeqCase[kind=" + kind + ", bidirectional=" + bidirectional + ", depth=" + depth + ", context="
                + context + ", embedded=" + embedded + ", batch=" + batch + ", steps=" + steps + ", sourceLengths="
                + Arrays.toString(sourceLengths) + ", lengths=" + Arrays.toString(lengths) + ", pad=" + pad
                + ", seed=" + seed + "]";
    }
}
