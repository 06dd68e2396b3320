package dev.unroll.examples.cli;

import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.checkpoint.StoreArrays;
import dev.unroll.runtime.inference.BestArrays;
import dev.unroll.runtime.inference.CheckpointArrays;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a language-model training run to a {@link Checkpoint} and back: the model's description ({@link
 * ModelCheckpoint}) and the data and training flags as metadata, the parameters ({@code param/<name>}) and the
 * optimizer state ({@code optim/<key>}), keyed as {@link DerivedNames} renders them, the perplexity history and the
 * vocabulary. Minibatches and truncation draws are seeded by epoch, so nothing else is needed to resume exactly.
 * A checkpoint read back is untrusted input: {@link ModelCheckpoint#read} checks all of it against the model it
 * describes before anything is built from it.
 */
final class LmCheckpoint {

    private static final DerivedNames.Section OPTIM = DerivedNames.Section.OPTIMIZER;

    private LmCheckpoint() {
    }

    /**
     * The checkpoint of a run; refuses (before anything is written) when a parameter or optimizer value is not
     * finite, so that a diverged run never replaces a good checkpoint.
     */
    static Checkpoint of(Map<String, String> flags, TrainingState state, List<String> vocabulary) {
        return of(flags, state, vocabulary, null);
    }

    /** The checkpoint of a run with early stopping ({@code stopping} may be {@code null}). */
    static Checkpoint of(Map<String, String> flags, TrainingState state, List<String> vocabulary,
                         EarlyStopping stopping) {
        Map<String, String> meta = ModelCheckpoint.header(ModelDescription.Kind.LANGUAGE_MODEL);
        meta.putAll(flags);
        meta.put("epochs_done", Integer.toString(state.epochsDone()));
        Map<String, ShapedArray> arrays = stateArrays(state);
        BestArrays.put(stopping, state, meta, arrays);
        return new Checkpoint(meta, arrays, vocabulary);
    }

    /**
     * The arrays of a training state: parameters, optimizer state and the epoch histories; refuses non-finite
     * values.
     */
    static Map<String, ShapedArray> stateArrays(TrainingState state) {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        StoreArrays.checkpointed(state.params()).forEach((k, v) -> arrays.put(k, savable(k, v, state)));
        Map<String, int[]> moments = CheckpointArrays.momentShapes(CheckpointArrays.shapes(
                state.params().parameters()));
        state.optimizer().exportState().forEach((k, v) -> arrays.put(OPTIM.key(k), savable(OPTIM.key(k),
                new ShapedArray(moments.getOrDefault(k, new int[] {v.length}), v), state)));
        arrays.put(CheckpointArrays.TRAIN_HISTORY, ShapedArray.vector(toArray(state.trainPerplexity())));
        arrays.put(CheckpointArrays.VALIDATION_HISTORY, ShapedArray.vector(toArray(state.validationPerplexity())));
        return arrays;
    }

    /** Reads the language-model checkpoint in {@code file} and validates all of it against the model it describes. */
    static ModelCheckpoint.Loaded read(Path file) {
        return read(CheckpointFields.read(file));
    }

    private static ModelCheckpoint.Loaded read(CheckpointFields f) {
        if (!ModelCheckpoint.LANGUAGE_MODEL_FORMAT.equals(f.text("format"))) {
            throw f.invalid("the metadata field 'format' must be '" + ModelCheckpoint.LANGUAGE_MODEL_FORMAT + "' (a"
                    + " language model saved by unroll train), but is " + CheckpointFields.quote(f.text("format")));
        }
        return ModelCheckpoint.read(f);
    }

    /**
     * Validates all of {@code c} (read from {@code file}), which must hold training state, and checks that its
     * flags equal the ones given for every key in {@code mustMatch}; returns it read.
     */
    static ModelCheckpoint.Loaded requireCompatible(Checkpoint c, Map<String, String> flags, List<String> mustMatch,
                                                    String file) {
        CheckpointFields f = new CheckpointFields(c, Path.of(file).toAbsolutePath().toString());
        ModelCheckpoint.Loaded loaded = read(f);
        if (loaded.training().isEmpty()) {
            throw f.invalid("it holds a model without training state (no optimizer, epochs or history), so"
                    + " training cannot resume from it");
        }
        Map<String, String> saved = savedFlags(c, loaded.description());
        for (String key : mustMatch) {
            if (!saved.get(key).equals(flags.get(key))) {
                throw new UnrollException(file + " was trained with " + key + " = " + saved.get(key) + ", but this"
                        + " run asks for " + flags.get(key) + "; pass the same model flags to resume");
            }
        }
        return loaded;
    }

    /**
     * The flags {@code c} was trained with, as written, but the embedding's and the regularization's as {@code
     * model} (read from it) gives them: a checkpoint written before those fields existed lacks them, and had none.
     */
    static Map<String, String> savedFlags(Checkpoint c, ModelDescription model) {
        Map<String, String> saved = new LinkedHashMap<>(c.metadata());
        Map<String, String> read = ModelCheckpoint.metadata(model.architecture());
        for (String key : List.of(ModelOptions.EMBEDDING, ModelOptions.DROPOUT, ModelOptions.VARIATIONAL_DROPOUT,
                ModelOptions.ZONEOUT)) {
            saved.put(key, read.get(key));
        }
        return saved;
    }

    /**
     * The training state stored in {@code c}, which {@link #requireCompatible} validated; {@code fresh} gives the
     * parameter names and a new optimizer.
     */
    static TrainingState restore(Checkpoint c, TrainingState fresh) {
        TrainingState state = new TrainingState(fresh.params(), fresh.optimizer(),
                new CheckpointFields(c, "being restored").integer("epochs_done", 0, Integer.MAX_VALUE));
        StoreArrays.restore(c, state.params(), "being restored");
        Map<String, double[]> optim = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> OPTIM.name(k).ifPresent(name -> optim.put(name, v.values())));
        state.optimizer().restoreState(optim);
        state.restoreHistory(toList(c.array(CheckpointArrays.TRAIN_HISTORY).values()),
                toList(c.array(CheckpointArrays.VALIDATION_HISTORY).values()));
        return state;
    }

    static ShapedArray savable(String name, ShapedArray array, TrainingState state) {
        return CheckpointArrays.savable(name, array, state.epochsDone());
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> toList(double[] xs) {
        List<Double> out = new ArrayList<>();
        for (double x : xs) {
            out.add(x);
        }
        return out;
    }
}
