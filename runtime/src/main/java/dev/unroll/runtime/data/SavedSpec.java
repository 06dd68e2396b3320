package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.text.Vocab;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link DataSpec} as checkpoint metadata and back: the task, the token kind, the target's width and placement
 * and the labels ({@code label/<i>}); the token vocabulary is the checkpoint's vocabulary (empty for numbers). A
 * checkpoint read back is untrusted, so every field is checked before the spec is built.
 */
public final class SavedSpec {

    /** The most labels a saved spec may declare. */
    static final int MAX_LABELS = 1_000_000;

    private SavedSpec() {
    }

    /** The metadata of {@code spec}. */
    public static Map<String, String> metadata(DataSpec spec) {
        Require.notNull(spec, "SavedSpec.metadata", "spec");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("task", spec.task().flag());
        meta.put("tokens", spec.kind().flag());
        meta.put("target_width", Integer.toString(spec.targetWidth()));
        meta.put("per_step", Boolean.toString(spec.perStep()));
        meta.put("input_width", Integer.toString(spec.inputWidth()));
        List<String> labels = spec.labels() == null ? List.of() : spec.labels().names();
        meta.put("labels", Integer.toString(labels.size()));
        for (int i = 0; i < labels.size(); i++) {
            meta.put("label/" + i, labels.get(i));
        }
        return meta;
    }

    /** The token vocabulary to save: the spec's tokens, or none for numbers. */
    public static List<String> vocabulary(DataSpec spec) {
        return spec.vocab() == null ? List.of() : spec.vocab().tokens();
    }

    /** The spec saved in {@code f}, every field checked. */
    public static DataSpec read(CheckpointFields f) {
        Task task = Task.valueOf(f.choice("task", names(Task.values())).toUpperCase(Locale.ROOT));
        TokenKind kind = TokenKind.valueOf(f.choice("tokens", names(TokenKind.values())).toUpperCase(Locale.ROOT));
        int width = f.integer("target_width", 1, MAX_LABELS);
        boolean perStep = f.bool("per_step");
        int inputWidth = f.integer("input_width", 1, MAX_LABELS);
        int count = f.integer("labels", 0, MAX_LABELS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(f.text("label/" + i));
        }
        List<String> tokens = f.checkpoint().vocabulary();
        try {
            Vocab vocab = kind.categorical() ? Vocab.fromTokens(tokens) : null;
            if (!kind.categorical() && !tokens.isEmpty()) {
                throw new UnrollException("numbers have no vocabulary, but it holds " + tokens.size() + " tokens");
            }
            return new DataSpec(task, kind, vocab, count == 0 ? null : new Labels(labels), width, perStep,
                    inputWidth);
        } catch (UnrollException e) {
            throw f.invalid("its task, tokens, labels and vocabulary do not fit together: " + e.getMessage());
        }
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.name().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
