package dev.unroll.compiler.model;

import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sequence model: an input encoding, one or more (possibly bidirectional) layers, an output head and a loss.
 * Every model compiles through the same pipeline: {@link Planner} turns it into scans of ordinary cells. A
 * {@code masked} model reads rows of their own lengths (docs/MODELS.md, "Variable lengths"); an unmasked one plans
 * exactly the cells it always did. A model with an {@link Encoder} is an encoder–decoder: its own encoding and
 * layers are the decoder's, and it is always masked.
 *
 * @param encoder the encoder of an encoder–decoder model, or {@code null} for a model of one sequence
 * @param regularization the dropout and zoneout the planner places, active in training mode only
 */
public record Model(Encoding encoding, List<Layer> layers, Head head, Loss loss, InitialState initialState,
                    boolean masked, Encoder encoder, Regularization regularization) {

    /** The most layers a model may have; deeper models would not compile in reasonable time anyway. */
    public static final int MAX_LAYERS = 1000;

    public Model {
        Require.notNull(encoding, "model", "encoding");
        layers = List.copyOf(Require.noNulls(layers, "model", "layers"));
        Require.notNull(head, "model", "head (Head.none() for none)");
        Require.notNull(loss, "model", "loss");
        Require.notNull(initialState, "model", "initialState (InitialState.ZEROS by default)");
        Require.notNull(regularization, "model", "regularization (Regularization.NONE for none)");
        if (layers.isEmpty()) {
            throw new UnrollException("a model needs at least one layer; add one with .layer(...)");
        }
        if (layers.size() > MAX_LAYERS) {
            throw new UnrollException("a model has at most " + MAX_LAYERS + " layers, got " + layers.size());
        }
        if (encoder != null) {
            requireDecoder(layers, encoder, masked, initialState);
        }
    }

    /** The rules an encoder–decoder's decoder obeys; the state hand-over itself is checked by {@link Planner}. */
    private static void requireDecoder(List<Layer> layers, Encoder encoder, boolean masked, InitialState initial) {
        if (!masked) {
            throw new UnrollException("an encoder–decoder model reads sources and targets of their own lengths, so it"
                    + " is masked; build it with Model.Builder.encoder(...), which sets masked()");
        }
        if (layers.size() != encoder.layers().size()) {
            throw new UnrollException("an encoder–decoder hands the encoder's final states to the decoder layer by"
                    + " layer, so both need as many layers; the encoder has " + encoder.layers().size()
                    + " and the decoder " + layers.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l).isBidirectional()) {
                throw new UnrollException("decoder layer " + l + " is bidirectional, but a decoder generates one"
                        + " token after another and cannot read ahead; make it unidirectional (the encoder's layers"
                        + " may be bidirectional)");
            }
        }
        if (initial == InitialState.LEARNED) {
            throw new UnrollException("an encoder–decoder starts its decoder from the encoder's final states, so"
                    + " learned initial states would go unused there; use InitialState.ZEROS");
        }
    }

    /** Whether this is an encoder–decoder model. */
    public boolean hasEncoder() {
        return encoder != null;
    }

    /** Starts a model reading inputs through {@code encoding}. */
    public static Builder of(Encoding encoding) {
        return new Builder(encoding);
    }

    /** Builds a {@link Model}; {@link #build()} validates. */
    public static final class Builder {
        private final Encoding encoding;
        private final List<Layer> layers = new ArrayList<>();
        private Head head = Head.none();
        private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        private InitialState initialState = InitialState.ZEROS;
        private boolean masked;
        private Encoder encoder;
        private Regularization regularization = Regularization.NONE;

        private Builder(Encoding encoding) {
            this.encoding = Require.notNull(encoding, "Model.of", "encoding");
        }

        /** Appends a layer; layer l reads layer l−1's output at the same step. */
        public Builder layer(Layer layer) {
            return layers(1, layer);
        }

        /** Appends {@code count} copies of a layer (a deep RNN). */
        public Builder layers(int count, Layer layer) {
            if (count < 1) {
                throw new UnrollException("layers(count, layer) needs count ≥ 1, got " + count);
            }
            Require.notNull(layer, "Model.Builder.layer", "layer");
            if (count > MAX_LAYERS - layers.size()) {
                throw new UnrollException("a model has at most " + MAX_LAYERS + " layers; it has " + layers.size()
                        + " and " + count + " more were added");
            }
            for (int i = 0; i < count; i++) {
                layers.add(layer);
            }
            return this;
        }

        /** Sets the output head. */
        public Builder head(Head newHead) {
            this.head = Require.notNull(newHead, "Model.Builder.head", "head (Head.none() for none)");
            return this;
        }

        /** Sets the loss (softmax cross-entropy by default). */
        public Builder loss(Loss newLoss) {
            this.loss = Require.notNull(newLoss, "Model.Builder.loss", "loss");
            return this;
        }

        /** Sets where initial states come from (zeros by default). */
        public Builder initialState(InitialState policy) {
            this.initialState = Require.notNull(policy, "Model.Builder.initialState", "policy");
            return this;
        }

        /**
         * Lets each row of a batch have its own length: every state stops at its row's last valid step and the loss
         * averages over valid positions only ({@link ProgramExecutor#forward(double[][], double[][], Map, int, int[])}).
         */
        public Builder masked() {
            this.masked = true;
            return this;
        }

        /**
         * Makes this an encoder–decoder model: {@code newEncoder} reads the source, and this builder's encoding and
         * layers become the decoder, which starts from the encoder's final states. Sets {@link #masked()}.
         */
        public Builder encoder(Encoder newEncoder) {
            this.encoder = Require.notNull(newEncoder, "Model.Builder.encoder", "encoder");
            this.masked = true;
            return this;
        }

        /**
         * Inverted dropout with probability {@code p} on every layer's output, that is between stacked layers and
         * before the head, in training mode.
         */
        public Builder dropout(double p) {
            regularization = regularization.withDropout(p);
            return this;
        }

        /**
         * Variational dropout with probability {@code p}: masks locked across the steps of a sequence, on every
         * layer's output and on the recurrent state each layer's output comes from, where the cell reads it.
         */
        public Builder variationalDropout(double p) {
            regularization = regularization.withVariational(p);
            return this;
        }

        /** Zoneout with probability {@code p}: each unit of every state keeps its previous value, in training mode. */
        public Builder zoneout(double p) {
            regularization = regularization.withZoneout(p);
            return this;
        }

        /** Sets all of the model's dropout and zoneout at once. */
        public Builder regularization(Regularization newRegularization) {
            regularization = Require.notNull(newRegularization, "Model.Builder.regularization", "regularization");
            return this;
        }

        /** The validated model. */
        public Model build() {
            return new Model(encoding, layers, head, loss, initialState, masked, encoder, regularization);
        }
    }
}
