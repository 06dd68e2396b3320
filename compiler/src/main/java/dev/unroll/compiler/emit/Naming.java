package dev.unroll.compiler.emit;

import com.palantir.javapoet.NameAllocator;
import java.util.HashMap;
import java.util.Map;

/**
 * Every identifier of a generated class, allocated through one {@link NameAllocator}: the reserved type names and
 * the standard locals first, then one name per buffer and method, derived from DSL names; so no two declarations
 * clash, no field hides a type, and a DSL name can never become anything but an identifier.
 */
final class Naming {

    /** The step index parameter. */
    final String step;
    /** The batch size parameter: the rows to compute. */
    final String batch;
    /** The first row parameter of a node method that runs on a tile of rows. */
    final String row;
    /** The sequence length parameter. */
    final String steps;
    /** The carry factor (one step) or the carry schedule (whole sequence). */
    final String carry;
    /** The constant holding the longest sequence. */
    final String maxSteps;
    /** The constant holding the largest batch. */
    final String maxBatch;
    /** The constant holding the kernel's spec. */
    final String spec;
    /** The method running one backward step. */
    final String backwardStep;
    /** The method clearing the gradients before a backward pass. */
    final String clearGradients;
    /** The method of the region before the forward loop. */
    final String beforeForward;
    /** The method of one forward step, the forward loop's body. */
    final String forwardStep;
    /** The method of the region before the backward loop. */
    final String beforeBackward;
    /** The method of the region after the backward loop. */
    final String afterBackward;

    private final NameAllocator names = new NameAllocator();

    Naming(String className) {
        for (String reserved : Types.RESERVED) {
            names.newName(reserved);
        }
        for (String inherited : Types.INHERITED_METHODS) {
            names.newName(inherited);
        }
        names.newName(className);
        step = names.newName("t");
        batch = names.newName("batch");
        row = names.newName("row");
        steps = names.newName("steps");
        carry = names.newName("carry");
        maxSteps = names.newName("MAX_STEPS");
        maxBatch = names.newName("MAX_BATCH");
        spec = names.newName("SPEC");
        backwardStep = names.newName("backwardStep");
        clearGradients = names.newName("clearGradients");
        beforeForward = names.newName("beforeForward");
        forwardStep = names.newName("forwardStep");
        beforeBackward = names.newName("beforeBackward");
        afterBackward = names.newName("afterBackward");
    }

    /** A new class-level name derived from {@code suggestion}, for the declaration identified by {@code tag}. */
    String allocate(String suggestion, Object tag) {
        return names.newName(suggestion, tag);
    }

    /** A new class-level name derived from {@code suggestion}, for a declaration no one looks up again. */
    String fresh(String suggestion) {
        return names.newName(suggestion);
    }

    /** The name allocated for {@code tag}. */
    String get(Object tag) {
        return names.get(tag);
    }

    /** A scope for the locals of one method: it sees every class-level name, so locals never hide fields. */
    Locals locals() {
        return new Locals(names.clone());
    }

    /**
     * The local names of one method. Each suggestion gets one name per method: the op rules declare each local
     * once, or reuse it in sibling loops whose scopes do not overlap.
     */
    static final class Locals {
        private final NameAllocator names;
        private final Map<String, String> bySuggestion = new HashMap<>();

        private Locals(NameAllocator names) {
            this.names = names;
        }

        /** The method's local derived from {@code suggestion}. */
        String local(String suggestion) {
            return bySuggestion.computeIfAbsent(suggestion, names::newName);
        }
    }
}
