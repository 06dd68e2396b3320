package dev.unroll.compiler.model;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;

/**
 * The encoder of an encoder–decoder model: its own input encoding and layers (unidirectional or bidirectional), run
 * over the source sequence. The decoder (the model's own layers) starts from the encoder's final states, layer by
 * layer, and a decoder cell with a second input reads the encoder's top-layer output at each row's last valid
 * source step at every decoder step (docs/MODELS.md, "Encoder–decoder").
 */
public record Encoder(Encoding encoding, List<Layer> layers) {

    public Encoder {
        Require.notNull(encoding, "Encoder", "encoding");
        layers = List.copyOf(Require.noNulls(layers, "Encoder", "layers"));
        if (layers.isEmpty()) {
            throw new UnrollException("an encoder needs at least one layer; give Encoder.of(encoding, layers...) one");
        }
        if (layers.size() > Model.MAX_LAYERS) {
            throw new UnrollException("an encoder has at most " + Model.MAX_LAYERS + " layers, got " + layers.size());
        }
    }

    /** An encoder reading its source through {@code encoding} into {@code layers}. */
    public static Encoder of(Encoding encoding, List<Layer> layers) {
        return new Encoder(encoding, layers);
    }

    /** An encoder reading its source through {@code encoding} into {@code layers}. */
    public static Encoder of(Encoding encoding, Layer... layers) {
        Require.notNull(layers, "Encoder.of", "layers");
        return new Encoder(encoding, List.of(layers));
    }
}
