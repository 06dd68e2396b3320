package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.checkpoint.StoreArrays;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.TrainingState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The early-stopping state in a checkpoint: the best epoch and value as metadata ({@code best_epoch}, {@code
 * best_value}) and the best parameters as {@code best/param/<name>} arrays, for language models and sequence tasks
 * alike.
 */
public final class BestArrays {

    /** The prefix of the best parameters' arrays. */
    public static final String PREFIX = "best/";

    private BestArrays() {
    }

    /** Adds the state of {@code stopping} (may be {@code null}) to a checkpoint's metadata and arrays. */
    public static void put(EarlyStopping stopping, TrainingState state, Map<String, String> meta,
                    Map<String, ShapedArray> arrays) {
        if (stopping == null || stopping.bestParams() == null) {
            return;
        }
        meta.put("best_epoch", Integer.toString(stopping.bestEpoch()));
        meta.put("best_value", Double.toString(stopping.best()));
        StoreArrays.checkpointed(stopping.bestParams()).forEach((k, v) -> arrays.put(PREFIX + k,
                CheckpointArrays.savable(PREFIX + k, v, state.epochsDone())));
    }

    /** Whether {@code c} holds early-stopping state. */
    public static boolean present(Checkpoint c) {
        return c.metadata().containsKey("best_epoch");
    }

    /** Restores the early-stopping state of {@code f} into {@code stopping}, if both are there. */
    public static void restore(CheckpointFields f, Program program, EarlyStopping stopping) {
        if (stopping == null || !present(f.checkpoint())) {
            return;
        }
        double value;
        try {
            value = Double.parseDouble(f.text("best_value"));
        } catch (NumberFormatException e) {
            throw f.invalid("the metadata field 'best_value' must be a number, but is "
                    + CheckpointFields.quote(f.text("best_value")));
        }
        stopping.restore(value, f.integer("best_epoch", 1, Integer.MAX_VALUE), params(f, program));
    }

    /** The best parameters saved in {@code f}, for a model of {@code program}. */
    public static ParamStore params(CheckpointFields f, Program program) {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        f.checkpoint().arrays().forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                arrays.put(k.substring(PREFIX.length()), v);
            }
        });
        ParamStore best = ParamStore.zeros(program);
        StoreArrays.restore(new Checkpoint(f.checkpoint().metadata(), arrays, f.checkpoint().vocabulary()), best,
                f.source());
        return best;
    }
}
