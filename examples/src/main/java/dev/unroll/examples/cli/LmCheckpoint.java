package dev.unroll.examples.cli;

import dev.unroll.dsl.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.train.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a language-model training run to a {@link Checkpoint} and back: the model and data flags as metadata, the
 * parameters ({@code param/<name>}), the optimizer state ({@code optim/<key>}), the perplexity history and the
 * vocabulary. Minibatches and truncation draws are seeded by epoch, so nothing else is needed to resume exactly.
 */
final class LmCheckpoint {

    static final String FORMAT = "unroll-language-model";
    private static final String PARAM = "param/";
    private static final String OPTIM = "optim/";

    private LmCheckpoint() {
    }

    static Checkpoint of(Map<String, String> flags, TrainingState state, Map<String, int[]> shapes,
                         List<String> vocabulary) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.putAll(flags);
        meta.put("epochs_done", Integer.toString(state.epochsDone()));
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        state.params().forEach((k, v) -> arrays.put(PARAM + k, new ShapedArray(shapes.get(k), v)));
        state.optimizer().exportState().forEach((k, v) -> arrays.put(OPTIM + k, ShapedArray.vector(v)));
        arrays.put("history/train", ShapedArray.vector(toArray(state.trainPerplexity())));
        arrays.put("history/validation", ShapedArray.vector(toArray(state.validationPerplexity())));
        return new Checkpoint(meta, arrays, vocabulary);
    }

    /** Checks that the checkpoint's flags equal the ones given for every key in {@code mustMatch}. */
    static void requireCompatible(Checkpoint c, Map<String, String> flags, List<String> mustMatch, String file) {
        if (!FORMAT.equals(c.metadata().get("format"))) {
            throw new UnrollException(file + " is not a language-model checkpoint (format '"
                    + c.metadata().get("format") + "', expected '" + FORMAT + "')");
        }
        for (String key : mustMatch) {
            if (!c.require(key).equals(flags.get(key))) {
                throw new UnrollException(file + " was trained with " + key + " = " + c.require(key) + ", but this run"
                        + " asks for " + flags.get(key) + "; pass the same model flags to resume");
            }
        }
    }

    /** The training state stored in {@code c}; {@code fresh} gives the parameter names and a new optimizer. */
    static TrainingState restore(Checkpoint c, TrainingState fresh) {
        TrainingState state = new TrainingState(fresh.params(), fresh.optimizer(),
                Integer.parseInt(c.require("epochs_done")));
        for (Map.Entry<String, double[]> e : state.params().entrySet()) {
            double[] stored = c.array(PARAM + e.getKey()).values();
            if (stored.length != e.getValue().length) {
                throw new UnrollException("checkpoint parameter '" + e.getKey() + "' has " + stored.length
                        + " values, the model needs " + e.getValue().length);
            }
            System.arraycopy(stored, 0, e.getValue(), 0, stored.length);
        }
        Map<String, double[]> optim = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> {
            if (k.startsWith(OPTIM)) {
                optim.put(k.substring(OPTIM.length()), v.values());
            }
        });
        state.optimizer().restoreState(optim);
        state.restoreHistory(toList(c.array("history/train").values()),
                toList(c.array("history/validation").values()));
        return state;
    }

    static Map<String, double[]> params(Checkpoint c) {
        Map<String, double[]> out = new LinkedHashMap<>();
        c.arrays().forEach((k, v) -> {
            if (k.startsWith(PARAM)) {
                out.put(k.substring(PARAM.length()), v.values());
            }
        });
        return out;
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
