package com.example.model;

import com.example.cell.Scrn;
import dev.unroll.compiler.model.Model;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.text.Vocab;
import java.util.ArrayList;
import java.util.List;

/**
 * The character language model: one {@link Scrn} layer over one-hot letters and a softmax over the next letter.
 * Its description is what a checkpoint records, so the kernels generated at build time from {@link #model()} are
 * the ones a predictor loading the checkpoint asks for.
 */
public final class CharModel {

    /** The hidden size of the layer. */
    public static final int HIDDEN = 32;

    /** Training's minibatch length T. */
    public static final int STEPS = 16;

    /** Training's minibatch size B, and the most rows a kernel runs. */
    public static final int BATCH = 8;

    /**
     * The most steps a kernel runs: a minibatch's {@link #STEPS}, or one pass of {@code Predictor.score}, which reads
     * a text in passes of up to 256 steps.
     */
    public static final int KERNEL_STEPS = 256;

    /** The package the kernels are generated into. */
    public static final String KERNEL_PACKAGE = "com.example.kernels";

    private CharModel() {
    }

    /** A one-layer language model of the cell {@link Scrn} over {@link #vocab()}, float32, lecture preprocessing. */
    public static ModelDescription description() {
        return ModelDescription.languageModel(Scrn.class.getName(), 1, HIDDEN, vocab().tokens());
    }

    /** The characters the model reads and predicts: {@code <unk>}, the space and a to z. */
    public static Vocab vocab() {
        List<String> tokens = new ArrayList<>(List.of(Vocab.UNKNOWN, " "));
        for (char c = 'a'; c <= 'z'; c++) {
            tokens.add(String.valueOf(c));
        }
        return Vocab.fromTokens(tokens);
    }

    /** The model to plan. */
    public static Model model() {
        return description().model();
    }

    /** The kernels' options: float32, {@link #KERNEL_STEPS} steps of {@link #BATCH} rows, in {@link #KERNEL_PACKAGE}. */
    public static Options options() {
        return Options.float32().maxSteps(KERNEL_STEPS).maxBatch(BATCH).packageName(KERNEL_PACKAGE);
    }
}
