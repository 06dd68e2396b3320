package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.optim.Adam;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the arrays of a language-model checkpoint against the model its metadata describes: exactly the model's
 * parameters with their shapes, exactly the optimizer's state with its parameters' shapes, a perplexity history as
 * long as the completed epochs, every parameter and optimizer value finite, and nothing else.
 */
final class LmArrays {

    static final String PARAM = "param/";
    static final String OPTIM = "optim/";
    static final String TRAIN_HISTORY = "history/train";
    static final String VALIDATION_HISTORY = "history/validation";
    /** Adam's step count is a double in the exported state; beyond 2^53 it is no longer a whole number. */
    private static final double MAX_STEP = 0x1p53;

    private LmArrays() {
    }

    /** Checks every array of {@code f} against {@code program}, the model of {@code h}. */
    static void check(CheckpointFields f, LmValidation.Header h, Program program) {
        Map<String, int[]> params = ProgramRunner.parameterShapes(program);
        Map<String, int[]> optimizer = optimizerShapes(f, h, params);
        for (String name : f.checkpoint().arrays().keySet()) {
            boolean known = name.startsWith(PARAM) && params.containsKey(name.substring(PARAM.length()))
                    || name.startsWith(OPTIM) && optimizer.containsKey(name.substring(OPTIM.length()))
                    || name.equals(TRAIN_HISTORY) || name.equals(VALIDATION_HISTORY);
            if (!known) {
                throw f.invalid("it has an array " + CheckpointFields.quote(name) + " that is neither a parameter"
                        + " of its model (" + h.describe() + ") nor state of its optimizer (" + h.optimizerName()
                        + ") nor a perplexity history");
            }
        }
        String model = "the model (" + h.describe() + ")";
        params.forEach((name, shape) -> finite(f, PARAM + name, shape, model));
        optimizer.forEach((key, shape) -> finite(f, OPTIM + key, shape, h.optimizerName() + " state for " + model));
        if (!optimizer.isEmpty()) {
            adam(f, params.keySet());
        }
        history(f, TRAIN_HISTORY, h.epochsDone(), false);
        history(f, VALIDATION_HISTORY, h.epochsDone(), true);
    }

    /** The shape of an exported optimizer-state array: its parameter's shape, or a vector for anything else. */
    static int[] optimizerShape(String key, int length, Map<String, int[]> params) {
        for (String prefix : new String[] {Adam.M, Adam.V}) {
            if (key.startsWith(prefix) && params.containsKey(key.substring(prefix.length()))) {
                return params.get(key.substring(prefix.length()));
            }
        }
        return new int[] {length};
    }

    /** The optimizer state to expect: none for SGD; Adam's step and, once it stepped, each parameter's moments. */
    private static Map<String, int[]> optimizerShapes(CheckpointFields f, LmValidation.Header h,
                                                     Map<String, int[]> params) {
        Map<String, int[]> out = new LinkedHashMap<>();
        switch (h.optimizer()) {
            case SGD -> { }
            case ADAM -> {
                out.put(Adam.STEP, new int[] {1});
                if (adamSteps(f) > 0) {
                    params.forEach((name, shape) -> {
                        out.put(Adam.M + name, shape);
                        out.put(Adam.V + name, shape);
                    });
                }
            }
        }
        return out;
    }

    private static double adamSteps(CheckpointFields f) {
        ShapedArray step = f.array(OPTIM + Adam.STEP, new int[] {1}, "Adam's step count");
        double count = step.get(0);
        if (!(count >= 0 && count <= MAX_STEP && count == Math.rint(count))) {
            throw f.invalid("the array '" + OPTIM + Adam.STEP + "' must hold Adam's step count, a whole number in"
                    + " 0..2^53, but holds " + count);
        }
        return count;
    }

    /** Adam's second moments are running means of squares, so a negative one is damage (and a NaN in waiting). */
    private static void adam(CheckpointFields f, Iterable<String> params) {
        for (String name : params) {
            String key = OPTIM + Adam.V + name;
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
