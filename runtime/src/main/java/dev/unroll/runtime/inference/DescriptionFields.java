package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.Regularization;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.SavedSpec;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Vocab;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ModelDescription} as checkpoint metadata and back. Read back it is untrusted input: every field's type and
 * range and the vocabulary are checked before anything is built or allocated for the model they describe. Fields
 * added after format version 1 default, when absent, to what a checkpoint written before them had: no layer
 * normalization, no regularization, one-hot input.
 */
final class DescriptionFields {

    static final String LAYER_NORM = "layer_norm";
    static final String DROPOUT = "dropout";
    static final String VARIATIONAL_DROPOUT = "variational_dropout";
    static final String ZONEOUT = "zoneout";
    static final String EMBEDDING = "embedding";

    private DescriptionFields() {
    }

    /** The architecture's fields, as {@code unroll train} names its flags. */
    static Map<String, String> architecture(Architecture a) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cell", a.cell());
        f.put("layers", Integer.toString(a.layers()));
        f.put("bidirectional", Boolean.toString(a.bidirectional()));
        f.put("hidden", Integer.toString(a.hidden()));
        f.put(LAYER_NORM, Boolean.toString(a.layerNorm()));
        f.put(DROPOUT, Double.toString(a.regularization().dropout()));
        f.put(VARIATIONAL_DROPOUT, Double.toString(a.regularization().variational()));
        f.put(ZONEOUT, Double.toString(a.regularization().zoneout()));
        f.put(EMBEDDING, Integer.toString(a.embedding()));
        return f;
    }

    /** Every field of {@code d} but the format and its version; a task's spec included. */
    static Map<String, String> metadata(ModelDescription d) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (d.task() != null) {
            meta.putAll(SavedSpec.metadata(d.task()));
        }
        meta.putAll(architecture(d.architecture()));
        meta.put("preprocessing", d.preprocessing().name().toLowerCase(Locale.ROOT));
        meta.put("tokens", d.tokens().flag());
        meta.put("dtype", d.dtype().name().toLowerCase(Locale.ROOT));
        return meta;
    }

    /** The description in {@code f}, a checkpoint of {@code kind} in format {@code version}, every field checked. */
    static ModelDescription read(CheckpointFields f, ModelDescription.Kind kind, int version) {
        Architecture architecture = architecture(f);
        Dtype dtype = Dtype.valueOf(upper(f.choice("dtype", List.of("float32", "float64"))));
        Preprocessing preprocessing = Preprocessing.valueOf(upper(f.choice("preprocessing", List.of("lecture",
                "raw"))));
        return switch (kind) {
            case LANGUAGE_MODEL -> new ModelDescription(version, kind, null, architecture, dtype,
                    TokenKind.valueOf(upper(f.choice("tokens", List.of("chars", "words")))), preprocessing, vocab(f));
            case SEQUENCE_TASK -> {
                DataSpec spec = SavedSpec.read(f);
                yield new ModelDescription(version, kind, spec, architecture, dtype, spec.kind(), preprocessing,
                        SavedSpec.vocabulary(spec));
            }
        };
    }

    /** The architecture fields of {@code f}, each checked. */
    static Architecture architecture(CheckpointFields f) {
        String cell = f.text("cell");
        if (!Architecture.validCellName(cell)) {
            throw f.invalid("the metadata field 'cell' must be rnn, lstm, gru, gru-torch or a Java class name, but"
                    + " is " + CheckpointFields.quote(cell));
        }
        int layers = f.integer("layers", 1, Architecture.MAX_LAYERS);
        boolean bidirectional = f.bool("bidirectional");
        int hidden = f.integer("hidden", 1, Architecture.MAX_HIDDEN);
        boolean layerNorm = f.checkpoint().metadata().containsKey(LAYER_NORM) && f.bool(LAYER_NORM);
        Regularization regularization = new Regularization(probability(f, DROPOUT),
                probability(f, VARIATIONAL_DROPOUT), probability(f, ZONEOUT));
        // Recorded only when set before format version 2: a checkpoint without it has one-hot inputs.
        int embedding = f.checkpoint().metadata().containsKey(EMBEDDING)
                ? f.integer(EMBEDDING, 0, Architecture.MAX_HIDDEN) : 0;
        return new Architecture(cell, layers, bidirectional, hidden, layerNorm, embedding, regularization);
    }

    /** A probability in {@code [0, 1)}; absent in a checkpoint written before the field existed, when it was 0. */
    private static double probability(CheckpointFields f, String key) {
        String value = f.checkpoint().metadata().get(key);
        if (value == null) {
            return 0;
        }
        try {
            double p = Double.parseDouble(value);
            if (p >= 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number out of range.
        }
        throw f.invalid("the metadata field '" + key + "' must be a probability ≥ 0 and < 1, but is "
                + CheckpointFields.quote(value));
    }

    private static List<String> vocab(CheckpointFields f) {
        List<String> tokens = f.checkpoint().vocabulary();
        if (tokens.isEmpty() || !Vocab.UNKNOWN.equals(tokens.get(0))) {
            throw f.invalid("its vocabulary must start with '" + Vocab.UNKNOWN + "', but "
                    + (tokens.isEmpty() ? "is empty" : "starts with " + CheckpointFields.quote(tokens.get(0))));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Integer previous = seen.put(tokens.get(i), i);
            if (previous != null) {
                throw f.invalid("its vocabulary must not repeat a token, but "
                        + CheckpointFields.quote(tokens.get(i)) + " is both token " + previous + " and token " + i);
            }
        }
        return tokens;
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }
}
