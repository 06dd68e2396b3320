package dev.unroll.compiler.gradcheck;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.inspect.Listing;

/**
 * A random cell with a loss, a truncation and a sequence's data, for the library's gradient properties; prints as
 * the cell's listing so that a shrunk counterexample reads at a glance.
 *
 * @param cell the cell
 * @param loss the loss attached to its output {@code y}
 * @param truncation the truncation whose gradient is checked
 * @param data the sequence (steps, batch rows, targets that suit the loss)
 */
public record RandomCase(Cell cell, Loss loss, Truncation truncation, SequenceData data) {

    /** Cases with 1–{@code maxSteps} steps and batch 1–3; full BPTT half the time, else fixed or randomized. */
    public static Gen<RandomCase> cases(int maxSteps) {
        return c -> {
            Cell cell = CellGens.cells().generate(c);
            int steps = Gens.integers(1, maxSteps).generate(c);
            int batch = Gens.integers(1, 3).generate(c);
            Loss loss = Gens.oneOf(Loss.MEAN_SQUARED_ERROR, Loss.SOFTMAX_CROSS_ENTROPY).generate(c);
            Truncation truncation = Gens.oneOfGens(Gens.constant(Truncation.full()), Gens.constant(Truncation.full()),
                    Gens.integers(1, steps).map(Truncation::fixed),
                    Gens.doubles(0.2, 1.0).map(Truncation::randomized)).generate(c);
            SequenceData data = CellGens.lossData(cell, "y", loss, steps, batch).generate(c);
            return new RandomCase(cell, loss, truncation, data);
        };
    }

    /** The gradient check of this case (its seed feeds randomized truncation). */
    public CellCheck check() {
        return GradCheck.cell(cell).output("y").loss(loss).truncation(truncation).data(data);
    }

    /** The batch size. */
    public int batch() {
        return data.inputs().get(0).values().iterator().next().rows();
    }

    @Override
    public String toString() {
        return "T = " + data.steps() + ", B = " + batch() + ", " + loss + ", " + truncation + ", "
                + cell.graph().size() + " nodes:\n" + Listing.of(cell);
    }
}
