package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Encoder;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Regularization;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Task;
import java.util.Collections;
import java.util.function.IntFunction;
import picocli.CommandLine.Option;

/** The model flags shared by {@code train}, {@code inspect} and {@code gradcheck}. */
final class ModelOptions {

    /** The checkpoint field of {@code --layer-norm}. */
    private static final String LAYER_NORM = "layer_norm";

    /** The checkpoint fields of the regularization; a checkpoint written before they existed had none, that is 0. */
    static final String DROPOUT = "dropout";
    static final String VARIATIONAL_DROPOUT = "variational_dropout";
    static final String ZONEOUT = "zoneout";

    @Option(names = "--cell", defaultValue = "lstm", paramLabel = "rnn|lstm|gru|gru-torch|CLASS",
            description = "Cell kind, or a class with a static Cell cell(int inputSize, int hidden) (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked layers, 1 to " + Flags.MAX_LAYERS
            + " (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--bidirectional", description = "Run every layer in both directions.")
    boolean bidirectional;

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units per layer, 1 to " + Flags.MAX_HIDDEN
            + " (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layer-norm", description = "Layer-normalize the lstm or gru cells (Ba et al. 2016).")
    boolean layerNorm;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "P", description = "Dropout with probability P in"
            + " [0, 1) on every layer's output, between layers and before the head; in training only"
            + " (default: ${DEFAULT-VALUE}, none).")
    double dropout;

    @Option(names = "--variational-dropout", defaultValue = "0", paramLabel = "P", description = "Variational"
            + " dropout: one mask per sequence, on every layer's output and on its recurrent state, probability P in"
            + " [0, 1); in training only (default: ${DEFAULT-VALUE}, none).")
    double variationalDropout;

    @Option(names = "--zoneout", defaultValue = "0", paramLabel = "P", description = "Zoneout: each unit of every"
            + " state keeps its previous value with probability P in [0, 1); in training only (default:"
            + " ${DEFAULT-VALUE}, none).")
    double zoneout;

    @Option(names = "--embedding", defaultValue = "0", paramLabel = "D", description = "Look tokens up in a learned"
            + " embedding of D features instead of one-hot rows (default: ${DEFAULT-VALUE}, one-hot).")
    int embedding;

    /** Checks the ranges and resolves the cell (a custom class is loaded here, before any work). */
    void validate() {
        Flags.range("--layers", layers, 1, Flags.MAX_LAYERS);
        Flags.range("--hidden", hidden, 1, Flags.MAX_HIDDEN);
        Flags.fraction("--dropout", dropout, 0, 1);
        Flags.fraction("--variational-dropout", variationalDropout, 0, 1);
        Flags.fraction("--zoneout", zoneout, 0, 1);
        Flags.range("--embedding", embedding, 0, Flags.MAX_HIDDEN);
        cellFactory();
    }

    /** The dropout and zoneout the flags ask for. */
    Regularization regularization() {
        return new Regularization(dropout, variationalDropout, zoneout);
    }

    /** The cell of every layer, made for a layer's input width. */
    IntFunction<Cell> cellFactory() {
        return CellChoice.factory(cell, hidden, layerNorm);
    }

    /** A short description, e.g. {@code 2-layer bidirectional layer-normalized lstm, 256 hidden, dropout 0.5}. */
    String describe() {
        return layers + "-layer " + (bidirectional ? "bidirectional " : "") + (layerNorm ? "layer-normalized " : "")
                + cell + ", " + hidden + " hidden" + (embedding > 0 ? ", embedding " + embedding : "")
                + (dropout > 0 ? ", dropout " + dropout : "")
                + (variationalDropout > 0 ? ", variational dropout " + variationalDropout : "")
                + (zoneout > 0 ? ", zoneout " + zoneout : "");
    }

    /** Whether a checkpoint's model is layer-normalized; one saved before the field was recorded is not. */
    static boolean layerNorm(CheckpointFields saved) {
        return saved.checkpoint().metadata().containsKey(LAYER_NORM) && saved.bool(LAYER_NORM);
    }

    /** A resumed run must build the model it resumes: with layer normalization exactly if the checkpoint has it. */
    void requireSameLayerNorm(CheckpointFields saved, Object file) {
        boolean was = layerNorm(saved);
        if (was != layerNorm) {
            throw new UnrollException(file + " was trained " + (was ? "with" : "without") + " --layer-norm, but this"
                    + " run " + (layerNorm ? "gives" : "does not give") + " it; " + (was ? "add" : "drop")
                    + " --layer-norm to resume");
        }
    }

    /** The flags that define the model, for checkpoints. */
    java.util.Map<String, String> flags() {
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("cell", cell);
        f.put("layers", Integer.toString(layers));
        f.put("bidirectional", Boolean.toString(bidirectional));
        f.put("hidden", Integer.toString(hidden));
        f.put(LAYER_NORM, Boolean.toString(layerNorm));
        f.put(DROPOUT, Double.toString(dropout));
        f.put(VARIATIONAL_DROPOUT, Double.toString(variationalDropout));
        f.put(ZONEOUT, Double.toString(zoneout));
        if (embedding > 0) {
            f.put("embedding", Integer.toString(embedding));
        }
        return f;
    }

    /** A language model over {@code vocab} tokens: one-hot input, the layers, a dense head and cross-entropy. */
    Model languageModel(int vocab) {
        return model(TokenInput.encoding(Encoding.oneHot(vocab), embedding), vocab);
    }

    /** A model for the task of {@code spec}: its encoding, the layers, its head and its loss. */
    Model taskModel(DataSpec spec) {
        return taskModel(spec, false);
    }

    /**
     * The model for the task of {@code spec}, masked (rows of their own lengths in one batch) if asked; for seq2seq
     * an encoder and a decoder, always masked.
     */
    Model taskModel(DataSpec spec, boolean masked) {
        if (spec.task() == Task.SEQ2SEQ) {
            return encoderDecoder(spec);
        }
        Model.Builder b = Model.of(TokenInput.encoding(spec.encoding(), embedding))
                .layers(layers, CellChoice.layer(cell, hidden, bidirectional, layerNorm))
                .head(spec.head())
                .loss(spec.loss())
                .regularization(regularization());
        return (masked ? b.masked() : b).build();
    }

    /**
     * A seq2seq model: an encoder of the model flags over the source (bidirectional with {@code --bidirectional})
     * and a unidirectional decoder of as many layers, twice as wide after a bidirectional encoder, since each
     * decoder layer starts from both directions' final states side by side. The first decoder layer also reads the
     * encoder's context (its top output at the source's last step), as d2l's decoder does.
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
        return b.head(spec.head()).loss(spec.loss()).regularization(regularization()).build();
    }

    /** The layers between {@code encoding} and a dense head of {@code outputs} logits with cross-entropy. */
    Model model(Encoding encoding, int outputs) {
        return Model.of(encoding)
                .layers(layers, CellChoice.layer(cell, hidden, bidirectional, layerNorm))
                .head(Head.everyStep(outputs))
                .regularization(regularization())
                .build();
    }
}
