package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.checkpoint.StoreArrays;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A trained model in a checkpoint file: its {@link ModelDescription} as named metadata fields, its parameters as
 * {@code param/<name>} arrays, and its vocabulary. {@code unroll train} adds training state (settings, optimizer
 * state, histories, early stopping) to the same format; {@link #read} accepts both, and checkpoints written before
 * the {@code format_version} field existed (version 1). A file read is untrusted input, checked completely before
 * anything is built from it.
 */
public final class ModelCheckpoint {

    /** The checkpoint format version this build writes; it reads every version from 1 to this one. */
    public static final int FORMAT_VERSION = 2;
    /** The {@code format} of a language model's checkpoint. */
    public static final String LANGUAGE_MODEL_FORMAT = "unroll-language-model";
    /** The {@code format} of a sequence-task model's checkpoint. */
    public static final String SEQUENCE_MODEL_FORMAT = "unroll-sequence-model";

    /** The field of a seq2seq model's longest training target, which bounds a decoding by default. */
    public static final String LONGEST_TARGET = "longest_target";

    private static final String VERSION_FIELD = "format_version";

    private ModelCheckpoint() {
    }

    /**
     * A checkpoint validated completely.
     *
     * @param description the model
     * @param program its program, planned from the description
     * @param params the parameters to predict with: for a sequence task the best epoch's, if early stopping kept
     *     them, else the last
     * @param training the training state {@code unroll train} saved with a language model, if any (a sequence
     *     task's is left to the command line, which resumes it)
     * @param fields the checkpoint itself, for its other fields
     */
    public record Loaded(ModelDescription description, Program program, ParamStore params,
                         Optional<SavedTraining> training, CheckpointFields fields) {
    }

    /** Atomically writes {@code params}, a store of {@code description}'s model, with the description to {@code file}. */
    public static void save(Path file, ModelDescription description, ParamStore params) {
        Require.notNull(file, "ModelCheckpoint.save", "file");
        Require.notNull(params, "ModelCheckpoint.save", "params");
        Program program = Planner.plan(Require.notNull(description, "ModelCheckpoint.save", "description").model());
        if (!CheckpointArrays.shapes(program.parameters()).keySet().equals(StoreArrays.named(params).keySet())) {
            throw new UnrollException("ModelCheckpoint.save: the parameters " + StoreArrays.named(params).keySet()
                    + " are not those of the described model (" + description.describe() + "), "
                    + CheckpointArrays.shapes(program.parameters()).keySet() + "; pass the store trained for it");
        }
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        StoreArrays.checkpointed(params).forEach((name, array) -> arrays.put(name, finite(name, array)));
        Checkpoints.write(file, new Checkpoint(metadata(description), arrays, description.vocabulary()));
    }

    /** The metadata fields of {@code description}: format, format version and every field of the description. */
    public static Map<String, String> metadata(ModelDescription description) {
        Map<String, String> meta = header(description.kind());
        meta.putAll(DescriptionFields.metadata(description));
        return meta;
    }

    /** The fields that open a checkpoint of a model of {@code kind}: its {@code format} and {@code format_version}. */
    public static Map<String, String> header(ModelDescription.Kind kind) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", format(Require.notNull(kind, "ModelCheckpoint.header", "kind")));
        meta.put(VERSION_FIELD, Integer.toString(FORMAT_VERSION));
        return meta;
    }

    /** The metadata fields of an architecture, as {@code unroll train} names its flags. */
    public static Map<String, String> metadata(Architecture architecture) {
        return DescriptionFields.architecture(Require.notNull(architecture, "ModelCheckpoint.metadata",
                "architecture"));
    }

    /** Reads the checkpoint in {@code file} and validates all of it against the model it describes. */
    public static Loaded read(Path file) {
        Require.notNull(file, "ModelCheckpoint.read", "file");
        return read(CheckpointFields.read(file));
    }

    /** Validates all of {@code f} against the model it describes. */
    public static Loaded read(CheckpointFields f) {
        ModelDescription.Kind kind = kind(f);
        ModelDescription d = DescriptionFields.read(f, kind, version(f));
        Program program;
        try {
            program = Planner.plan(d.model());
        } catch (UnrollException e) {
            throw f.invalid("its model (" + d.describe() + ") cannot be built: " + e.getMessage());
        }
        return switch (kind) {
            case LANGUAGE_MODEL -> {
                Optional<SavedTraining> training = SavedTraining.read(f, d.dtype());
                CheckpointArrays.check(f, d, program, training);
                yield new Loaded(d, program, restore(f, program), training, f);
            }
            case SEQUENCE_TASK -> {
                ParamStore params = BestArrays.present(f.checkpoint()) ? BestArrays.params(f, program)
                        : restore(f, program);
                for (String name : f.checkpoint().arrays().keySet()) {
                    f.requireFinite(name);
                }
                yield new Loaded(d, program, params, Optional.empty(), f);
            }
        };
    }

    private static ParamStore restore(CheckpointFields f, Program program) {
        ParamStore params = ParamStore.zeros(program);
        StoreArrays.restore(f.checkpoint(), params, f.source());
        return params;
    }

    private static String format(ModelDescription.Kind kind) {
        return switch (kind) {
            case LANGUAGE_MODEL -> LANGUAGE_MODEL_FORMAT;
            case SEQUENCE_TASK -> SEQUENCE_MODEL_FORMAT;
        };
    }

    private static ModelDescription.Kind kind(CheckpointFields f) {
        String format = f.text("format");
        for (ModelDescription.Kind kind : ModelDescription.Kind.values()) {
            if (format(kind).equals(format)) {
                return kind;
            }
        }
        throw f.invalid("the metadata field 'format' must be '" + LANGUAGE_MODEL_FORMAT + "' (a language model) or '"
                + SEQUENCE_MODEL_FORMAT + "' (a sequence-task model), but is " + CheckpointFields.quote(format));
    }

    /** The format version: 1 when absent (written before the field existed); a newer one than this build's refused. */
    private static int version(CheckpointFields f) {
        if (!f.checkpoint().metadata().containsKey(VERSION_FIELD)) {
            return 1;
        }
        long version = f.whole(VERSION_FIELD, 1, Integer.MAX_VALUE);
        if (version > FORMAT_VERSION) {
            throw new UnrollException("Checkpoint " + f.source() + " has format version " + version + ", written by a"
                    + " newer Unroll; this one reads versions 1 to " + FORMAT_VERSION + "; read it with that newer"
                    + " version");
        }
        return (int) version;
    }

    private static ShapedArray finite(String name, ShapedArray array) {
        int bad = array.firstNonFinite();
        if (bad >= 0) {
            throw new UnrollException("ModelCheckpoint.save: the parameter '" + name + "' holds the non-finite value "
                    + array.get(bad) + " at index " + bad + ", and a checkpoint must hold a usable model; nothing"
                    + " was written");
        }
        return array;
    }
}
