package com.example.model;

import com.example.cell.Scrn;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.text.Vocab;
import java.util.ArrayList;
import java.util.List;

/**
 * The character language model: one-hot letters, one {@link Scrn} layer and a softmax over the next letter; the
 * same definition generates the kernels at build time and runs them at run time.
 */
public final class CharModel {

    /** The hidden size of the layer. */
    public static final int HIDDEN = 32;

    /** The longest sequence a kernel runs: training's minibatch length. */
    public static final int STEPS = 16;

    /** The most rows a kernel runs: training's minibatch size. */
    public static final int BATCH = 8;

    /** The package the kernels are generated into. */
    public static final String KERNEL_PACKAGE = "com.example.kernels";

    private CharModel() {
    }

    /** The characters the model reads and predicts: {@code <unk>}, the space and a to z. */
    public static Vocab vocab() {
        List<String> tokens = new ArrayList<>(List.of(Vocab.UNKNOWN, " "));
        for (char c = 'a'; c <= 'z'; c++) {
            tokens.add(String.valueOf(c));
        }
        return Vocab.fromTokens(tokens);
    }

    /** The model over {@link #vocab()}. */
    public static Model model() {
        int v = vocab().size();
        return Model.of(Encoding.oneHot(v))
                .layer(Layer.of(in -> Scrn.cell(in, HIDDEN)))
                .head(Head.everyStep(v))
                .build();
    }

    /** The kernels' options: float32, at most {@link #STEPS} steps of {@link #BATCH} rows, in {@link #KERNEL_PACKAGE}. */
    public static Options options() {
        return Options.float32().maxSteps(STEPS).maxBatch(BATCH).packageName(KERNEL_PACKAGE);
    }
}
