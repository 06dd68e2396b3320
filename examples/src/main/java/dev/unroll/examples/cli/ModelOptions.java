package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Model;
import picocli.CommandLine.Option;

/** The model flags shared by {@code train}, {@code inspect} and {@code gradcheck}. */
final class ModelOptions {

    @Option(names = "--cell", defaultValue = "lstm", paramLabel = "rnn|lstm|gru|CLASS",
            description = "Cell kind, or a class with a static Cell cell(int inputSize, int hidden) (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--bidirectional", description = "Run every layer in both directions.")
    boolean bidirectional;

    @Option(names = "--hidden", defaultValue = "256", description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
    int hidden;

    /** A language model over {@code vocab} tokens: one-hot input, the layers, a dense head and cross-entropy. */
    Model languageModel(int vocab) {
        return Model.of(Encoding.oneHot(vocab))
                .layers(layers, CellChoice.layer(cell, hidden, bidirectional))
                .head(Head.everyStep(vocab))
                .build();
    }
}
