package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of a training checkpoint: string metadata (the model definition as command-line flags, dtype, epoch,
 * random-generator state, ...), named shaped arrays in insertion order (parameters, optimizer state) and the
 * vocabulary. Immutable; {@link Checkpoints} writes and reads it.
 */
public record Checkpoint(Map<String, String> metadata, Map<String, ShapedArray> arrays, List<String> vocabulary) {

    public Checkpoint {
        Require.notNull(metadata, "new Checkpoint", "metadata");
        Require.notNull(arrays, "new Checkpoint", "arrays");
        Require.noNulls(vocabulary, "new Checkpoint", "vocabulary");
        metadata = orderedCopy("metadata", metadata);
        arrays = orderedCopy("array", arrays);
        for (int i = 0; i < vocabulary.size(); i++) {
            if (vocabulary.get(i) == null) {
                throw new UnrollException("Checkpoint: vocabulary entry " + i + " is null; pass the tokens of a Vocab");
            }
        }
        vocabulary = List.copyOf(vocabulary);
    }

    /** The metadata value for {@code key}, or a clear error when the checkpoint has none. */
    public String require(String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new UnrollException("Checkpoint: the metadata has no key '" + key + "' (it has "
                    + new ArrayList<>(metadata.keySet()) + "); was it written by a different version of the"
                    + " trainer?");
        }
        return value;
    }

    /** The array named {@code name}, or a clear error when the checkpoint has none. */
    public ShapedArray array(String name) {
        ShapedArray array = arrays.get(name);
        if (array == null) {
            throw new UnrollException("Checkpoint: there is no array named '" + name + "' (it has "
                    + new ArrayList<>(arrays.keySet()) + "); does the checkpoint belong to a different model?");
        }
        return array;
    }

    private static <V> Map<String, V> orderedCopy(String what, Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new UnrollException("Checkpoint: " + what + " names must be non-empty and values non-null,"
                        + " got " + (e.getKey() == null ? "null" : "'" + e.getKey() + "'") + " -> " + e.getValue()
                        + "; fix the entry");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }
}
