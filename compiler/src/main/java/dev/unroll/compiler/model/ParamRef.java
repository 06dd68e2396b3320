package dev.unroll.compiler.model;

import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Require;

/**
 * A typed reference to one learned array of a program: a weight of a layer (or of the model itself, with an empty
 * layer) or the learned initial value of a layer's state. It prints as the name the array has in the program's
 * cells, listings and files, for example {@code l0__W_xh}, {@code W_hq} or {@code l0__h__init}.
 *
 * @param layer the layer's prefix in the program ({@code l0}, {@code l1f}, ...), or empty for the model's own
 * @param name the name in the layer's cell: a parameter's or a state's
 * @param kind what the array is
 */
public record ParamRef(String layer, String name, Kind kind) {

    /** What a referenced array is. */
    public enum Kind {
        /** A parameter of a cell. */
        WEIGHT,
        /** The learned initial value of a state (one row, repeated for every batch row). */
        INITIAL_STATE
    }

    public ParamRef {
        Require.notNull(layer, "ParamRef", "layer");
        Require.notNull(name, "ParamRef", "name");
        Require.notNull(kind, "ParamRef", "kind");
    }

    /** The parameter {@code name} of {@code layer} (empty for the model's own, such as the head). */
    public static ParamRef weight(String layer, String name) {
        return new ParamRef(layer, name, Kind.WEIGHT);
    }

    /** The learned initial value of state {@code state} of {@code layer}. */
    public static ParamRef initialState(String layer, String state) {
        return new ParamRef(layer, state, Kind.INITIAL_STATE);
    }

    /** The name of the referenced parameter, or of the state whose initial value this is, in the program's cell. */
    public String inCell() {
        return DerivedNames.inLayer(layer, name);
    }

    /** The text of this reference in listings, generated code and file keys. */
    public String text() {
        return switch (kind) {
            case WEIGHT -> inCell();
            case INITIAL_STATE -> DerivedNames.initialValue(inCell());
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
