package dev.unroll.dsl.core;

import java.util.Optional;

/**
 * The one place where the compiler's derived names and the keys of saved files become text, and the only place
 * that reads such text back. Derived names join their parts with {@link Names#RESERVED}, which users cannot write,
 * so they never clash with a user's name; file keys join a section and a name with a slash.
 */
public final class DerivedNames {

    private static final String ADJOINT = "d";
    private static final String GRADIENT = "g";
    private static final String TRANSPOSED = "T";
    private static final String TARGET = "target";
    private static final String INIT = "init";
    private static final String STEP = "t";
    private static final String UNROLLED = "unrolled";

    private DerivedNames() {
    }

    /** The adjoint of a value, an output seed or a cell: {@code d__h}. */
    public static String adjoint(String name) {
        return join(ADJOINT, name);
    }

    /** The gradient of a parameter: {@code g__W_hh}. */
    public static String gradient(String param) {
        return join(GRADIENT, param);
    }

    /** The pre-transposed copy of a weight in generated code: {@code T__W_hh}. */
    public static String transposed(String param) {
        return join(TRANSPOSED, param);
    }

    /** The target input of the loss on {@code output}: {@code target__o}. */
    public static String target(String output) {
        return join(TARGET, output);
    }

    /** Whether an input is the target of a loss (data, never differentiated). */
    public static boolean isTarget(String input) {
        return input.startsWith(TARGET + Names.RESERVED);
    }

    /** A per-step copy of a value in an unrolled graph or a gradient check: {@code x__t3}. */
    public static String atStep(String name, int t) {
        return join(name, STEP + t);
    }

    /** The cell unrolled over {@code steps} steps: {@code rnn__unrolled5}. */
    public static String unrolled(String cell, int steps) {
        return join(cell, UNROLLED + steps);
    }

    /** A name of a layer's cell inside a model's cell: {@code l0__W_xh}; a model-level name (empty layer) is itself. */
    public static String inLayer(String layer, String name) {
        return layer.isEmpty() ? name : join(layer, name);
    }

    /** The learned initial value of a state: {@code l0__h__init}. */
    public static String initialValue(String state) {
        return join(state, INIT);
    }

    private static String join(String prefix, String name) {
        return prefix + Names.RESERVED + name;
    }

    /** A section of a saved file's keys: {@code param/W_hq}, {@code optim/m.W_hq}. */
    public enum Section {
        /** A model parameter (or learned initial state) in a checkpoint. */
        PARAMETER("param/"),
        /** An optimizer's exported state in a checkpoint. */
        OPTIMIZER("optim/"),
        /** Adam's first moment of a parameter in its exported state. */
        FIRST_MOMENT("m."),
        /** Adam's second moment of a parameter in its exported state. */
        SECOND_MOMENT("v.");

        private final String prefix;

        Section(String prefix) {
            this.prefix = prefix;
        }

        /** The key of {@code name} in this section. */
        public String key(String name) {
            return prefix + name;
        }

        /** The name a key of this section holds, or empty for a key of another section. */
        public Optional<String> name(String key) {
            return key.startsWith(prefix) ? Optional.of(key.substring(prefix.length())) : Optional.empty();
        }
    }
}
