package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.Encoder;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Regularization;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Task;
import java.util.Collections;
import java.util.regex.Pattern;

/**
 * The recurrent layers of a model: the cell (a standard one by name, or a class with a {@code public static Cell
 * cell(int inputSize, int hidden)}), how many layers of how many units, in one or both directions, layer-normalized
 * or not, the token input as one-hot rows ({@code embedding} 0) or a learned embedding of {@code embedding}
 * features, and the regularization used in training.
 *
 * @param cell rnn, lstm, gru, gru-torch or a fully qualified class name
 * @param layers stacked layers, 1 to {@link #MAX_LAYERS}
 * @param bidirectional whether every layer runs in both directions
 * @param hidden units per layer and direction, 1 to {@link #MAX_HIDDEN}
 * @param layerNorm whether the lstm or gru cells are layer-normalized (Ba et al. 2016)
 * @param embedding features of the token embedding, 0 for one-hot input rows
 * @param regularization dropout and zoneout, applied in training only
 */
public record Architecture(String cell, int layers, boolean bidirectional, int hidden, boolean layerNorm,
                           int embedding, Regularization regularization) {

    /** The most stacked layers: deeper stacks do not train, and planning one costs time. */
    public static final int MAX_LAYERS = 64;
    /** The most hidden units: a square weight of more would not fit in a Java array. */
    public static final int MAX_HIDDEN = 46_340;

    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}"
                    + "\\p{javaJavaIdentifierPart}*)*");

    public Architecture {
        Require.notNull(cell, "new Architecture", "cell");
        Require.notNull(regularization, "new Architecture", "regularization");
        if (!validCellName(cell)) {
            throw new UnrollException("Architecture: the cell must be rnn, lstm, gru, gru-torch or a Java class name,"
                    + " got '" + cell + "'");
        }
        range("layers", layers, 1, MAX_LAYERS);
        range("hidden", hidden, 1, MAX_HIDDEN);
        range("embedding", embedding, 0, MAX_HIDDEN);
    }

    /** {@code layers} unidirectional layers of {@code cell} with {@code hidden} units, one-hot input, no extras. */
    public static Architecture of(String cell, int layers, int hidden) {
        return new Architecture(cell, layers, false, hidden, false, 0, Regularization.NONE);
    }

    /** This architecture in both directions or one. */
    public Architecture withBidirectional(boolean both) {
        return new Architecture(cell, layers, both, hidden, layerNorm, embedding, regularization);
    }

    /** This architecture with or without layer normalization. */
    public Architecture withLayerNorm(boolean normalized) {
        return new Architecture(cell, layers, bidirectional, hidden, normalized, embedding, regularization);
    }

    /** This architecture reading tokens through an embedding of {@code features} (0: one-hot rows). */
    public Architecture withEmbedding(int features) {
        return new Architecture(cell, layers, bidirectional, hidden, layerNorm, features, regularization);
    }

    /** This architecture with {@code r} in training. */
    public Architecture withRegularization(Regularization r) {
        return new Architecture(cell, layers, bidirectional, hidden, layerNorm, embedding, r);
    }

    /** Whether {@code name} can name a cell: a standard cell's name or a Java class name. */
    static boolean validCellName(String name) {
        return CellChoice.STANDARD.contains(name) || CLASS_NAME.matcher(name).matches();
    }

    /** A short description, e.g. {@code 2-layer bidirectional layer-normalized lstm, 256 hidden, dropout 0.5}. */
    public String describe() {
        return layers + "-layer " + (bidirectional ? "bidirectional " : "") + (layerNorm ? "layer-normalized " : "")
                + cell + ", " + hidden + " hidden" + (embedding > 0 ? ", embedding " + embedding : "")
                + (regularization.dropout() > 0 ? ", dropout " + regularization.dropout() : "")
                + (regularization.variational() > 0 ? ", variational dropout "
                        + regularization.variational() : "")
                + (regularization.zoneout() > 0 ? ", zoneout " + regularization.zoneout() : "");
    }

    /** A language model over {@code vocab} tokens: token input, the layers, a dense head and cross-entropy. */
    public Model languageModel(int vocab) {
        return model(TokenInput.encoding(Encoding.oneHot(vocab), embedding), vocab);
    }

    /** The layers between {@code encoding} and a dense head of {@code outputs} logits with cross-entropy. */
    public Model model(Encoding encoding, int outputs) {
        return Model.of(encoding)
                .layers(layers, CellChoice.layer(cell, hidden, bidirectional, layerNorm))
                .head(Head.everyStep(outputs))
                .regularization(regularization)
                .build();
    }

    /**
     * The model for the task of {@code spec}: its encoding, the layers, its head and its loss; masked (rows of their
     * own lengths in one batch) if asked; for seq2seq an encoder and a decoder, always masked.
     */
    public Model taskModel(DataSpec spec, boolean masked) {
        Require.notNull(spec, "Architecture.taskModel", "spec");
        if (spec.task() == Task.SEQ2SEQ) {
            return encoderDecoder(spec);
        }
        Model.Builder b = Model.of(TokenInput.encoding(spec.encoding(), embedding))
                .layers(layers, CellChoice.layer(cell, hidden, bidirectional, layerNorm))
                .head(spec.head())
                .loss(spec.loss())
                .regularization(regularization);
        return (masked ? b.masked() : b).build();
    }

    /**
     * A seq2seq model: an encoder of these layers over the source and a unidirectional decoder of as many layers,
     * twice as wide after a bidirectional encoder, since each decoder layer starts from both directions' final
     * states side by side. The first decoder layer also reads the encoder's context (its top output at the source's
     * last step), as d2l's decoder does.
     */
    private Model encoderDecoder(DataSpec spec) {
        if (layerNorm) {
            throw new UnrollException("--layer-norm is not available for --task seq2seq: the decoder's first layer"
                    + " reads the encoder's context through a cell that has no layer-normalized form; drop"
                    + " --layer-norm");
        }
        int width = bidirectional ? 2 * hidden : hidden;
        Model.Builder b = Model.of(TokenInput.encoding(spec.targetEncoding(), embedding))
                .encoder(Encoder.of(TokenInput.encoding(spec.encoding(), embedding), Collections.nCopies(layers,
                        CellChoice.layer(cell, hidden, bidirectional, false))))
                .layer(CellChoice.contextLayer(cell, width, width));
        if (layers > 1) {
            b.layers(layers - 1, CellChoice.layer(cell, width, false, false));
        }
        return b.head(spec.head()).loss(spec.loss()).regularization(regularization).build();
    }

    private static void range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UnrollException("Architecture: " + what + " must be in " + min + ".." + max + ", got " + value);
        }
    }
}
