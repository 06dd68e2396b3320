package dev.unroll.runtime.interop;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.ShapedArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PyTorch state dict read from a file, as arrays by key: finds its modules by the keys they have, hands out
 * arrays checked against the shapes a model needs, and remembers which keys were used so that keys the model has no
 * place for are reported rather than silently dropped.
 */
final class TorchStateDict {

    /** The key suffix of PyTorch's first recurrent layer, which names the recurrent module. */
    static final String FIRST_LAYER = "weight_ih_l0";

    private final Map<String, ShapedArray> arrays;
    private final String source;
    private final Set<String> used = new LinkedHashSet<>();

    TorchStateDict(Map<String, ShapedArray> arrays, String source) {
        this.arrays = new LinkedHashMap<>(arrays);
        this.source = source;
    }

    /** The array of {@code key}, which must have {@code shape}; {@code need} says who needs it and why so. */
    ShapedArray take(String key, int[] shape, String need) {
        ShapedArray array = arrays.get(key);
        if (array == null) {
            throw new UnrollException(source + " has no key '" + key + "'; " + need + " with shape "
                    + Arrays.toString(shape) + "; export the state dict of a PyTorch model of the same layers, sizes"
                    + " and directions (its keys are " + arrays.keySet() + ")");
        }
        if (!Arrays.equals(array.shape(), shape)) {
            throw new UnrollException(source + ": '" + key + "' has shape " + Arrays.toString(array.shape()) + ", but "
                    + need + " with shape " + Arrays.toString(shape) + "; give the model the PyTorch module's sizes");
        }
        used.add(key);
        return array;
    }

    /** The prefix of the recurrent module's keys, e.g. {@code rnn.}: the one before {@code weight_ih_l0}. */
    String recurrentPrefix() {
        List<String> prefixes = new ArrayList<>();
        for (String key : arrays.keySet()) {
            if (key.endsWith(FIRST_LAYER)) {
                prefixes.add(key.substring(0, key.length() - FIRST_LAYER.length()));
            }
        }
        return only(prefixes, "recurrent module (a key ending in '" + FIRST_LAYER + "')");
    }

    /** The module of the embedding: a two-dimensional {@code <module>weight} without a {@code <module>bias}. */
    String embeddingModule() {
        return only(modules(false), "nn.Embedding (a 2-dimensional '<module>.weight' without a bias)");
    }

    /** The module of the output layer: a two-dimensional {@code <module>weight} with a {@code <module>bias}. */
    String headModule() {
        return only(modules(true), "output nn.Linear (a 2-dimensional '<module>.weight' and its"
                + " '<module>.bias')");
    }

    /** Throws, listing them, when keys are left that the model has no place for. */
    void requireAllUsed() {
        List<String> unknown = arrays.keySet().stream().filter(k -> !used.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new UnrollException(source + " has keys the model has no place for: " + unknown + "; build the"
                    + " model with the PyTorch module's layers and directions (keys ending in '_reverse' belong to a"
                    + " bidirectional module), or leave other modules' keys out of the file");
        }
    }

    /**
     * The modules whose {@code weight} is two-dimensional, with or without a bias (a recurrent module's weights end
     * in their layer, {@code weight_ih_l0}, so they are never among them).
     */
    private List<String> modules(boolean withBias) {
        List<String> out = new ArrayList<>();
        arrays.forEach((key, array) -> {
            String module = key.endsWith("weight") ? key.substring(0, key.length() - "weight".length()) : null;
            boolean candidate = module != null && (module.isEmpty() || module.endsWith(".")) && array.rank() == 2;
            if (candidate && arrays.containsKey(module + "bias") == withBias) {
                out.add(module);
            }
        });
        return out;
    }

    private String only(List<String> found, String what) {
        if (found.size() != 1) {
            throw new UnrollException(source + " must hold exactly one " + what + ", but holds " + (found.isEmpty()
                    ? "none" : found.size() + ": " + found.stream().map(m -> "'" + m + "'").toList()) + " (keys "
                    + arrays.keySet() + "); save the state dict of one model with that module once");
        }
        return found.get(0);
    }
}
