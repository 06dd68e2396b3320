package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.runtime.checkpoint.Npz;
import dev.unroll.runtime.checkpoint.StoreArrays;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.SavedSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --npz} export of {@code train}: every learned array under its reference's text, the token vocabulary
 * as the text array {@code vocab} (token i is the model's input id i) and the output names as {@code labels} (output
 * i: a class of classify and label, a target token of seq2seq), so NumPy reads all of it with
 * {@code allow_pickle=False}.
 */
final class NpzExport {

    /** The name of the vocabulary's text array. */
    static final String VOCAB = "vocab";
    /** The name of the class names' text array. */
    static final String LABELS = "labels";

    private NpzExport() {
    }

    /** Writes a language model's parameters and vocabulary to {@code file}. */
    static void write(Path file, ParamStore params, List<String> vocabulary) {
        Npz.write(file, StoreArrays.named(params), Map.of(VOCAB, vocabulary));
        System.out.println("parameters: " + file);
    }

    /** Writes a sequence model's parameters, its vocabulary (none for numbers) and its output names to {@code file}. */
    static void write(Path file, ParamStore params, DataSpec spec) {
        Map<String, List<String>> texts = new LinkedHashMap<>();
        if (!SavedSpec.vocabulary(spec).isEmpty()) {
            texts.put(VOCAB, SavedSpec.vocabulary(spec));
        }
        if (spec.labels() != null) {
            texts.put(LABELS, spec.labels().names());
        }
        Npz.write(file, StoreArrays.named(params), texts);
        System.out.println("parameters: " + file);
    }
}
