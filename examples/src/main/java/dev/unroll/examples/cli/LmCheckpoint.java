package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.checkpoint.StoreArrays;
import dev.unroll.runtime.train.EarlyStopping;
import dev.unroll.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a language-model training run to a {@link Checkpoint} and back: the model and data flags as metadata, the
 * parameters ({@code param/<name>}) and the optimizer state ({@code optim/<key>}), keyed as {@link DerivedNames}
 * renders them, the perplexity history and the vocabulary. Minibatches and truncation draws are seeded by epoch, so
 * nothing else is needed to resume exactly.
 * A checkpoint read back is untrusted input: {@link LmValidation} and {@link LmArrays} check all of it against the
 * model it describes before anything is built from it.
 */
final class LmCheckpoint {

    static final String FORMAT = "unroll-language-model";
    private static final DerivedNames.Section OPTIM = DerivedNames.Section.OPTIMIZER;

    private LmCheckpoint() {
    }

    /**
     * A checkpoint validated completely, ready to generate from.
     *
     * @param header its metadata and vocabulary
     * @param program its model's program
     * @param params its parameters
     */
    record Loaded(LmValidation.Header header, Program program, ParamStore params) {
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
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
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
        Map<String, int[]> moments = LmArrays.momentShapes(LmArrays.shapes(state.params().parameters()));
        state.optimizer().exportState().forEach((k, v) -> arrays.put(OPTIM.key(k), savable(OPTIM.key(k),
                new ShapedArray(moments.getOrDefault(k, new int[] {v.length}), v), state)));
        arrays.put(LmArrays.TRAIN_HISTORY, ShapedArray.vector(toArray(state.trainPerplexity())));
        arrays.put(LmArrays.VALIDATION_HISTORY, ShapedArray.vector(toArray(state.validationPerplexity())));
        return arrays;
    }

    /** Reads the checkpoint in {@code file} and validates all of it against the model it describes. */
    static Loaded read(Path file) {
        CheckpointFields f = CheckpointFields.read(file);
        LmValidation.Header header = LmValidation.header(f);
        Program program = LmValidation.program(f, header);
        LmArrays.check(f, header, program);
        ParamStore params = ParamStore.zeros(program);
        StoreArrays.restore(f.checkpoint(), params, file.toString());
        return new Loaded(header, program, params);
    }

    /**
     * Validates all of {@code c} (read from {@code file}) and checks that its flags equal the ones given for every
     * key in {@code mustMatch}.
     */
    static void requireCompatible(Checkpoint c, Map<String, String> flags, List<String> mustMatch, String file) {
        CheckpointFields f = new CheckpointFields(c, Path.of(file).toAbsolutePath().toString());
        LmValidation.Header header = LmValidation.header(f);
        Map<String, String> saved = savedFlags(c, header.model());
        for (String key : mustMatch) {
            if (!saved.get(key).equals(flags.get(key))) {
                throw new UnrollException(file + " was trained with " + key + " = " + saved.get(key) + ", but this"
                        + " run asks for " + flags.get(key) + "; pass the same model flags to resume");
            }
        }
        LmArrays.check(f, header, LmValidation.program(f, header));
    }

    /**
     * The flags {@code c} was trained with, as written, but the regularization's as {@code model} (read from it)
     * gives them: a checkpoint written before those fields existed lacks them, and had none.
     */
    static Map<String, String> savedFlags(Checkpoint c, ModelOptions model) {
        Map<String, String> saved = new LinkedHashMap<>(c.metadata());
        Map<String, String> read = model.flags();
        for (String key : List.of(ModelOptions.DROPOUT, ModelOptions.VARIATIONAL_DROPOUT, ModelOptions.ZONEOUT)) {
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
        state.restoreHistory(toList(c.array(LmArrays.TRAIN_HISTORY).values()),
                toList(c.array(LmArrays.VALIDATION_HISTORY).values()));
        return state;
    }

    static ShapedArray savable(String name, ShapedArray array, TrainingState state) {
        int bad = array.firstNonFinite();
        if (bad >= 0) {
            throw new UnrollException("not saving a checkpoint after epoch " + state.epochsDone() + ": the array '"
                    + name + "' holds the non-finite value " + array.get(bad) + " at index " + bad + ", and a"
                    + " checkpoint must hold a usable model, so the previous checkpoint file is left as it was; the"
                    + " training diverged: lower --lr or clip the gradients (--clip), then resume from the previous"
                    + " checkpoint or train again");
        }
        return array;
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
