package dev.unroll.examples.cli;

import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.SavedSpec;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.inference.BestArrays;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
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

    private TaskCheckpoint() {
    }

    /** The checkpoint of a run after an epoch; {@code stopping} may be {@code null}. */
    static Checkpoint of(Map<String, String> flags, DataSpec spec, TrainingState state, EarlyStopping stopping) {
        Map<String, String> meta = ModelCheckpoint.header(ModelDescription.Kind.SEQUENCE_TASK);
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

    /** Reads {@code file}, a sequence-task model, and checks its metadata, its model and its parameters. */
    static ModelCheckpoint.Loaded read(Path file) {
        CheckpointFields f = CheckpointFields.read(file);
        if (!ModelCheckpoint.SEQUENCE_MODEL_FORMAT.equals(f.text("format"))) {
            throw f.invalid("the metadata field 'format' must be '" + ModelCheckpoint.SEQUENCE_MODEL_FORMAT + "' (a"
                    + " model saved by unroll train --task classify, label, regress or seq2seq), but is "
                    + CheckpointFields.quote(f.text("format")));
        }
        return ModelCheckpoint.read(f);
    }
}
