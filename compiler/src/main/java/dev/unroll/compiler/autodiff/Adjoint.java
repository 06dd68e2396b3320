package dev.unroll.compiler.autodiff;

import dev.unroll.dsl.Cell;
import java.util.List;

/**
 * The adjoint of a cell: an ordinary cell that runs one step of backpropagation through time.
 *
 * <p>Its graph begins with a copy of the forward graph under the same node ids ({@code forwardSize} nodes; the
 * forward states become inputs holding their previous values), so the generated code may read those nodes from
 * the saved activations instead of recomputing them. Its inputs are the forward inputs and previous states plus
 * {@code d__<output>} for every seeded output; its states are {@code d__<state>} (the adjoint of the state's next
 * value), whose next value is the adjoint of the state's previous value; its outputs are {@code d__<input>} and
 * {@code g__<param>} (this step's contribution to the parameter's gradient), for every input and parameter that
 * receives a gradient.
 */
public record Adjoint(Cell forward, Cell cell, int forwardSize, List<String> seededOutputs) {

    /** The prefix of adjoint names: {@code d__h} is the adjoint of {@code h}. */
    public static final String ADJOINT = "d";

    /** The prefix of gradient names: {@code g__W_hh} is the gradient of {@code W_hh}. */
    public static final String GRADIENT = "g";

    public Adjoint {
        seededOutputs = List.copyOf(seededOutputs);
    }
}
