package dev.unroll.compiler.model;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;

/** How a model's per-step input reaches its first layer. */
public sealed interface Encoding {

    /** Integer tokens {@code [B×1]} in {@code [0, vocab)} as one-hot rows {@code [B×vocab]}. */
    record OneHot(int vocab) implements Encoding {
        public OneHot {
            positive("one-hot vocabulary", vocab);
        }
    }

    /** Integer tokens looked up in a learned embedding {@code W_emb : [vocab×dim]}. */
    record Embedding(int vocab, int dim) implements Encoding {
        public Embedding {
            positive("embedding vocabulary", vocab);
            positive("embedding dimension", dim);
            Shape.elements("the embedding W_emb", vocab, dim);
        }
    }

    /** Real-valued features {@code [B×features]}, passed through unchanged. */
    record Features(int features) implements Encoding {
        public Features {
            positive("input features", features);
        }
    }

    /** One-hot over {@code vocab} tokens. */
    static Encoding oneHot(int vocab) {
        return new OneHot(vocab);
    }

    /** A learned embedding of {@code vocab} tokens into {@code dim} features. */
    static Encoding embedding(int vocab, int dim) {
        return new Embedding(vocab, dim);
    }

    /** Real-valued input features. */
    static Encoding features(int features) {
        return new Features(features);
    }

    /** The width of the encoded input, which the first layer reads. */
    default int width() {
        if (this instanceof OneHot o) {
            return o.vocab();
        } else if (this instanceof Embedding e) {
            return e.dim();
        }
        return ((Features) this).features();
    }

    /** Whether the raw input is a column of integer token ids. */
    default boolean tokens() {
        return !(this instanceof Features);
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new UnrollException(what + " must be at least 1, got " + v);
        }
        if (v > Shape.MAX_ELEMENTS) {
            throw new UnrollException(what + " must be at most " + Shape.MAX_ELEMENTS + " (the longest Java array),"
                    + " got " + v);
        }
    }
}
