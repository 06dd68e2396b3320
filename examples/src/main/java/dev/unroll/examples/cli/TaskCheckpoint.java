package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.checkpoint.StoreArrays;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.SavedSpec;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence-task model (classify, label, regress, seq2seq) as a {@link Checkpoint}: the flags and the {@link
 * DataSpec} (task, tokens, labels or target vocabulary, vocabulary) as metadata, for seq2seq also the longest
 * training target, the training state as a language model's checkpoint keeps it, and with early stopping its
 * state: the best epoch, its value and its parameters ({@code best/param/<name>}). Prediction uses the best
 * parameters when there are any, else the last.
 */
final class TaskCheckpoint {

    static final String FORMAT = "unroll-sequence-model";
    /** The metadata field of a seq2seq model's longest training target, which bounds a decoding by default. */
    static final String LONGEST_TARGET = "longest_target";

    private TaskCheckpoint() {
    }

    /**
     * A checkpoint validated enough to predict with or resume from.
     *
     * @param fields the checkpoint, for resuming
     * @param spec how data is encoded for the model
     * @param model the model flags
     * @param dtype the precision it was trained in
     * @param program its model's program
     * @param params the parameters to predict with (the best epoch's, if early stopping kept them)
     */
    record Loaded(CheckpointFields fields, DataSpec spec, ModelOptions model, Dtype dtype, Program program,
                  ParamStore params) {
    }

    /** The checkpoint of a run after an epoch; {@code stopping} may be {@code null}. */
    static Checkpoint of(Map<String, String> flags, DataSpec spec, TrainingState state, EarlyStopping stopping) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.putAll(SavedSpec.metadata(spec));
        meta.putAll(flags);
        meta.put("epochs_done", Integer.toString(state.epochsDone()));
        Map<String, ShapedArray> arrays = LmCheckpoint.stateArrays(state);
        BestArrays.put(stopping, state, meta, arrays);
        return new Checkpoint(meta, arrays, SavedSpec.vocabulary(spec));
    }

    /** The most target tokens of any of {@code training}'s seq2seq pairs. */
    static int longestTarget(List<Sequence> training) {
        return training.stream().mapToInt(s -> s.y().length).max().orElse(1);
    }

    /** The longest target a seq2seq checkpoint was trained on, checked. */
    static int longestTarget(Loaded saved) {
        return saved.fields().integer(LONGEST_TARGET, 1, Integer.MAX_VALUE / 2);
    }

    /** Reads {@code file} and checks its metadata, its model and its parameters. */
    static Loaded read(Path file) {
        CheckpointFields f = CheckpointFields.read(file);
        if (!FORMAT.equals(f.text("format"))) {
            throw f.invalid("the metadata field 'format' must be '" + FORMAT + "' (a model saved by unroll train"
                    + " --task classify, label, regress or seq2seq), but is "
                    + CheckpointFields.quote(f.text("format")));
        }
        DataSpec spec = SavedSpec.read(f);
        ModelOptions model = LmValidation.model(f);
        Dtype dtype = TrainingOptions.dtype(f.choice("dtype", List.of("float32", "float64")));
        Program program;
        try {
            program = Planner.plan(model.taskModel(spec));
        } catch (UnrollException e) {
            throw f.invalid("its model (" + model.describe() + ") cannot be built: " + e.getMessage());
        }
        ParamStore params = ParamStore.zeros(program);
        if (BestArrays.present(f.checkpoint())) {
            params = BestArrays.params(f, program);
        } else {
            StoreArrays.restore(f.checkpoint(), params, file.toString());
        }
        for (String name : f.checkpoint().arrays().keySet()) {
            f.requireFinite(name);
        }
        return new Loaded(f, spec, model, dtype, program, params);
    }
}
