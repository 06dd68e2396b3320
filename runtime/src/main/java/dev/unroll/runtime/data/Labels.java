package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The class labels of a classification or labelling task, in order of first appearance in the training data: the
 * model's output {@code i} is the score of {@code names().get(i)}. Unlike a token {@link
 * dev.unroll.runtime.text.Vocab} there is no unknown entry: a label a model was not trained on cannot be scored.
 */
public final class Labels {

    private final List<String> names;
    private final Map<String, Integer> indices = new HashMap<>();

    /** The labels {@code names}, in output order: at least one, no duplicates. */
    public Labels(List<String> names) {
        this.names = List.copyOf(Require.noNulls(names, "new Labels", "names"));
        if (names.isEmpty() || new LinkedHashSet<>(names).size() != names.size()) {
            throw new UnrollException("a label set needs at least one label and no duplicates, got " + names);
        }
        for (int i = 0; i < names.size(); i++) {
            indices.put(names.get(i), i);
        }
    }

    /** The labels in output order. */
    public List<String> names() {
        return names;
    }

    /** The labels of {@code values} in order of first appearance. */
    public static Labels of(List<String> values) {
        return new Labels(List.copyOf(new LinkedHashSet<>(values)));
    }

    /** The number of labels. */
    public int size() {
        return names.size();
    }

    /** The label at {@code index}. */
    public String name(int index) {
        return names.get(index);
    }

    /** The index of {@code label}, or -1 when it is not one of the labels. */
    int find(String label) {
        Integer i = indices.get(label);
        return i == null ? -1 : i;
    }

    /** The index of {@code label}; an unknown label fails naming {@code where} and the known labels. */
    public int index(String label, String where) {
        Integer i = indices.get(label);
        if (i == null) {
            throw new UnrollException(where + ": label '" + label + "' was not in the training data, whose labels"
                    + " are " + (names.size() <= 20 ? names.toString() : names.size() + " others")
                    + "; use one of them, or retrain with data that has it");
        }
        return i;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels l && l.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "Labels" + names;
    }
}
