package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Regularization;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.inference.Architecture;
import dev.unroll.runtime.inference.CellChoice;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.ModelDescription;
import java.util.Map;
import java.util.function.IntFunction;
import picocli.CommandLine.Option;

/** The model flags shared by {@code train}, {@code inspect} and {@code gradcheck}. */
final class ModelOptions {

    /** The checkpoint fields of the regularization; a checkpoint written before they existed had none, that is 0. */
    static final String DROPOUT = "dropout";
    static final String VARIATIONAL_DROPOUT = "variational_dropout";
    static final String ZONEOUT = "zoneout";
    /** The checkpoint field of {@code --embedding}; a checkpoint written before it was recorded had one-hot inputs. */
    static final String EMBEDDING = "embedding";

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

    /** The layers the flags describe. */
    Architecture architecture() {
        return new Architecture(cell, layers, bidirectional, hidden, layerNorm, embedding,
                new Regularization(dropout, variationalDropout, zoneout));
    }

    /** The flags of {@code a}, as a checkpoint's fields give them. */
    static ModelOptions of(Architecture a) {
        ModelOptions m = new ModelOptions();
        m.cell = a.cell();
        m.layers = a.layers();
        m.bidirectional = a.bidirectional();
        m.hidden = a.hidden();
        m.layerNorm = a.layerNorm();
        m.embedding = a.embedding();
        m.dropout = a.regularization().dropout();
        m.variationalDropout = a.regularization().variational();
        m.zoneout = a.regularization().zoneout();
        return m;
    }

    /** The cell of every layer, made for a layer's input width. */
    IntFunction<Cell> cellFactory() {
        return CellChoice.factory(cell, hidden, layerNorm);
    }

    /** A short description, e.g. {@code 2-layer bidirectional layer-normalized lstm, 256 hidden, dropout 0.5}. */
    String describe() {
        return architecture().describe();
    }

    /** A resumed run must build the model it resumes: with layer normalization exactly if the checkpoint has it. */
    void requireSameLayerNorm(ModelDescription saved, Object file) {
        boolean was = saved.architecture().layerNorm();
        if (was != layerNorm) {
            throw new UnrollException(file + " was trained " + (was ? "with" : "without") + " --layer-norm, but this"
                    + " run " + (layerNorm ? "gives" : "does not give") + " it; " + (was ? "add" : "drop")
                    + " --layer-norm to resume");
        }
    }

    /** The flags that define the model, for checkpoints. */
    Map<String, String> flags() {
        return ModelCheckpoint.metadata(architecture());
    }

    /** A language model over {@code vocab} tokens: token input, the layers, a dense head and cross-entropy. */
    Model languageModel(int vocab) {
        return architecture().languageModel(vocab);
    }

    /**
     * The model for the task of {@code spec}, masked (rows of their own lengths in one batch) if asked; for seq2seq
     * an encoder and a decoder, always masked.
     */
    Model taskModel(DataSpec spec, boolean masked) {
        return architecture().taskModel(spec, masked);
    }

    /** The layers between {@code encoding} and a dense head of {@code outputs} logits with cross-entropy. */
    Model model(Encoding encoding, int outputs) {
        return architecture().model(encoding, outputs);
    }
}
