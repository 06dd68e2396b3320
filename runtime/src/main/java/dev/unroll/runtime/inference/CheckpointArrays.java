package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.optim.Adam;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the arrays of a language-model checkpoint against the model its metadata describes: exactly the model's
 * parameters with their shapes, and with training state exactly the optimizer's state with its parameters' shapes
 * and a perplexity history as long as the completed epochs, every parameter and optimizer value finite, and nothing
 * else.
 */
public final class CheckpointArrays {

    /** The array of the training perplexity per epoch. */
    public static final String TRAIN_HISTORY = "history/train";
    /** The array of the validation perplexity per epoch (empty without a validation split). */
    public static final String VALIDATION_HISTORY = "history/validation";
    private static final DerivedNames.Section PARAM = DerivedNames.Section.PARAMETER;
    private static final DerivedNames.Section OPTIM = DerivedNames.Section.OPTIMIZER;
    /** Adam's step count is a double in the exported state; beyond 2^53 it is no longer a whole number. */
    private static final double MAX_STEP = 0x1p53;

    private CheckpointArrays() {
    }

    /** Checks every array of {@code f} against {@code program}, the model of {@code d}, trained as {@code h}. */
    static void check(CheckpointFields f, ModelDescription d, Program program, Optional<SavedTraining> h) {
        Map<String, int[]> params = shapes(program.parameters());
        Map<String, int[]> optimizer = h.isPresent() ? optimizerShapes(f, h.get(), params) : Map.of();
        Set<String> known = new HashSet<>(h.isPresent() ? List.of(TRAIN_HISTORY, VALIDATION_HISTORY) : List.of());
        params.keySet().forEach(name -> known.add(PARAM.key(name)));
        boolean best = BestArrays.present(f.checkpoint());
        if (best) {
            params.keySet().forEach(name -> known.add(BestArrays.PREFIX + PARAM.key(name)));
        }
        optimizer.keySet().forEach(key -> known.add(OPTIM.key(key)));
        for (String name : f.checkpoint().arrays().keySet()) {
            if (!known.contains(name)) {
                throw f.invalid("it has an array " + CheckpointFields.quote(name) + " that is neither a parameter"
                        + " of its model (" + d.describe() + ") nor state of its optimizer ("
                        + h.map(SavedTraining::optimizerName).orElse("none saved") + ") nor a perplexity history");
            }
        }
        String model = "the model (" + d.describe() + ")";
        params.forEach((name, shape) -> finite(f, PARAM.key(name), shape, model));
        if (best) {
            params.forEach((name, shape) -> finite(f, BestArrays.PREFIX + PARAM.key(name), shape, model));
        }
        if (h.isEmpty()) {
            return;
        }
        optimizer.forEach((key, shape) -> finite(f, OPTIM.key(key), shape, h.get().optimizerName() + " state for "
                + model));
        if (!optimizer.isEmpty()) {
            adam(f, params.keySet());
        }
        history(f, TRAIN_HISTORY, h.get().epochsDone(), false);
        history(f, VALIDATION_HISTORY, h.get().epochsDone(), true);
    }

    /**
     * {@code array}, to be saved as {@code name} after epoch {@code epochsDone}; refuses (before anything is written)
     * a value that is not finite, so that a diverged run never replaces a good checkpoint.
     */
    public static ShapedArray savable(String name, ShapedArray array, int epochsDone) {
        int bad = array.firstNonFinite();
        if (bad >= 0) {
            throw new UnrollException("not saving a checkpoint after epoch " + epochsDone + ": the array '"
                    + name + "' holds the non-finite value " + array.get(bad) + " at index " + bad + ", and a"
                    + " checkpoint must hold a usable model, so the previous checkpoint file is left as it was; the"
                    + " training diverged: lower --lr or clip the gradients (--clip), then resume from the previous"
                    + " checkpoint or train again");
        }
        return array;
    }

    /** The shape {@code {rows, cols}} of every learned array, keyed by its reference's text, in order. */
    public static Map<String, int[]> shapes(List<Program.Parameter> parameters) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Program.Parameter p : parameters) {
            out.put(p.ref().text(), new int[] {p.shape().rows(), p.shape().cols()});
        }
        return out;
    }

    /** The shape of each of Adam's moments in its exported state: its parameter's shape. */
    public static Map<String, int[]> momentShapes(Map<String, int[]> params) {
        Map<String, int[]> out = new LinkedHashMap<>();
        params.forEach((name, shape) -> {
            out.put(DerivedNames.Section.FIRST_MOMENT.key(name), shape);
            out.put(DerivedNames.Section.SECOND_MOMENT.key(name), shape);
        });
        return out;
    }

    /** The optimizer state to expect: none for SGD; Adam's step and, once it stepped, each parameter's moments. */
    private static Map<String, int[]> optimizerShapes(CheckpointFields f, SavedTraining h,
                                                     Map<String, int[]> params) {
        Map<String, int[]> out = new LinkedHashMap<>();
        switch (h.settings().optimizer()) {
            case SGD -> { }
            case ADAM -> {
                out.put(Adam.STEP, new int[] {1});
                if (adamSteps(f) > 0) {
                    out.putAll(momentShapes(params));
                }
            }
        }
        return out;
    }

    private static double adamSteps(CheckpointFields f) {
        ShapedArray step = f.array(OPTIM.key(Adam.STEP), new int[] {1}, "Adam's step count");
        double count = step.get(0);
        if (!(count >= 0 && count <= MAX_STEP && count == Math.rint(count))) {
            throw f.invalid("the array '" + OPTIM.key(Adam.STEP) + "' must hold Adam's step count, a whole number in"
                    + " 0..2^53, but holds " + count);
        }
        return count;
    }

    /** Adam's second moments are running means of squares, so a negative one is damage (and a NaN in waiting). */
    private static void adam(CheckpointFields f, Iterable<String> params) {
        for (String name : params) {
            String key = OPTIM.key(DerivedNames.Section.SECOND_MOMENT.key(name));
            ShapedArray v = f.array(key);
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i) < 0) {
                    throw f.invalid("the array '" + key + "' holds Adam's second moments, which are >= 0, but has "
                            + v.get(i) + " at index " + i);
                }
            }
        }
    }

    private static void finite(CheckpointFields f, String name, int[] shape, String needer) {
        f.array(name, shape, needer);
        f.requireFinite(name);
    }

    /** A perplexity per completed epoch (validation: none when the run had no validation split), each > 0. */
    private static void history(CheckpointFields f, String name, int epochs, boolean mayBeEmpty) {
        ShapedArray history = f.array(name);
        boolean fits = history.rank() == 1 && (history.size() == epochs || mayBeEmpty && history.size() == 0);
        if (!fits) {
            throw f.invalid("the array '" + name + "' has shape " + Arrays.toString(history.shape())
                    + ", but a perplexity history of the " + epochs + " completed epochs needs [" + epochs + "]"
                    + (mayBeEmpty ? " (or [0] without a validation split)" : ""));
        }
        for (int i = 0; i < history.size(); i++) {
            if (!(history.get(i) > 0)) {
                throw f.invalid("the array '" + name + "' holds " + history.get(i) + " at index " + i + ", but a"
                        + " perplexity is > 0");
            }
        }
    }
}
