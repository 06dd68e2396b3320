package dev.unroll.compiler.autodiff;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Optional;

/**
 * The adjoint of a cell: an ordinary cell that runs one step of backpropagation through time.
 *
 * <p>Its graph begins with a copy of the forward graph under the same node ids ({@code forwardSize} nodes; the
 * forward states become inputs holding their previous values), so the generated code may read those nodes from
 * the saved activations instead of recomputing them. Its inputs are the forward inputs and previous states plus one
 * seed per seeded output; its states carry, in the forward cell's state order, the adjoint of each state's next
 * value, whose next value is the adjoint of the state's previous value; its outputs are the gradients of the inputs
 * and parameters that receive one (this step's contribution).
 *
 * <p>Which port holds what is recorded by position, never by name: {@link #seedInput}, {@link #stateAdjoint},
 * {@link #inputGradient} and {@link #parameterGradient} answer it.
 *
 * @param forward the forward cell
 * @param cell the adjoint cell
 * @param forwardSize how many leading nodes of the adjoint graph copy the forward graph
 * @param seededOutputs the names of the forward outputs that receive a seed, in seed order
 * @param seedInputs for each seeded output, the position of its seed among the adjoint cell's inputs
 * @param inputGradients for each forward input, the position of its gradient among the adjoint cell's outputs,
 *                       or {@link #NONE}
 * @param parameterGradients for each forward parameter, the position of its gradient among the adjoint cell's
 *                           outputs, or {@link #NONE}
 */
public record Adjoint(Cell forward, Cell cell, int forwardSize, List<String> seededOutputs, List<Integer> seedInputs,
                      List<Integer> inputGradients, List<Integer> parameterGradients) {

    /** The position recorded for an input or parameter that receives no gradient. */
    public static final int NONE = -1;

    public Adjoint {
        seededOutputs = List.copyOf(seededOutputs);
        seedInputs = List.copyOf(seedInputs);
        inputGradients = List.copyOf(inputGradients);
        parameterGradients = List.copyOf(parameterGradients);
        if (seedInputs.size() != seededOutputs.size() || inputGradients.size() != forward.inputs().size()
                || parameterGradients.size() != forward.params().size()
                || cell.states().size() != forward.states().size()) {
            throw new UnrollException("internal: adjoint of cell '" + forward.name() + "' records "
                    + seedInputs.size() + " seeds, " + inputGradients.size() + " input and "
                    + parameterGradients.size() + " parameter gradients and " + cell.states().size()
                    + " state adjoints for a cell with " + seededOutputs.size() + " seeded outputs, "
                    + forward.inputs().size() + " inputs, " + forward.params().size() + " parameters and "
                    + forward.states().size() + " states");
        }
    }

    /** The adjoint cell's input that takes the seed of the {@code k}-th seeded output. */
    public Cell.Port seedInput(int k) {
        return cell.inputs().get(seedInputs.get(k));
    }

    /** The adjoint cell's input that takes the seed of the seeded output named {@code output}. */
    public Cell.Port seedInput(String output) {
        int k = seededOutputs.indexOf(output);
        if (k < 0) {
            throw new UnrollException("the adjoint of cell '" + forward.name() + "' has no seed for output '" + output
                    + "'; its seeded outputs are " + seededOutputs);
        }
        return seedInput(k);
    }

    /** The adjoint cell's state carrying the adjoint of forward state {@code s} (the same position). */
    public Cell.State stateAdjoint(int s) {
        return cell.states().get(s);
    }

    /** The adjoint cell's output holding this step's gradient of forward input {@code i}, if it receives one. */
    public Optional<Cell.Port> inputGradient(int i) {
        int at = inputGradients.get(i);
        return at == NONE ? Optional.empty() : Optional.of(cell.outputs().get(at));
    }

    /** The adjoint cell's output holding this step's gradient of forward parameter {@code p}, if it has one. */
    public Optional<Cell.Port> parameterGradient(int p) {
        int at = parameterGradients.get(p);
        return at == NONE ? Optional.empty() : Optional.of(cell.outputs().get(at));
    }
}
