package dev.unroll.compiler.unroll;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.CellGens;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.Report;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.inspect.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A random cell, a sequence's data and random adjoint seeds for every output at every step: the input of the
 * rolled-versus-unrolled properties.
 *
 * @param cell the cell
 * @param data the sequence
 * @param seeds the adjoint of each output at each step
 */
record SeededRun(Cell cell, SequenceData data, List<Map<String, Mat>> seeds) {

    /** The floor of the relative error: both sides are exact up to the order of their sums. */
    static final double FLOOR = 1e-4;

    static Gen<SeededRun> runs(int maxSteps) {
        return runs(CellGens.cells(), maxSteps);
    }

    /** Runs of the cells {@code cells} draws, up to {@code maxSteps} steps. */
    static Gen<SeededRun> runs(Gen<Cell> cells, int maxSteps) {
        return c -> {
            Cell cell = cells.generate(c);
            int steps = Gens.integers(1, maxSteps).generate(c);
            int batch = Gens.integers(1, 3).generate(c);
            SequenceData data = CellGens.data(cell, steps, batch).generate(c);
            List<Map<String, Mat>> seeds = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                Map<String, Mat> step = new LinkedHashMap<>();
                for (Cell.Port o : cell.outputs()) {
                    step.put(o.name(), CellGens.matrices(o.shape().rowsFor(batch), o.shape().cols(), 1.0).generate(c));
                }
                seeds.add(step);
            }
            return new SeededRun(cell, data, seeds);
        };
    }

    int steps() {
        return data.steps();
    }

    /** Rolled BPTT of the cell's adjoint with the given carry factors. */
    Bptt.Gradients rolled(double[] carry) {
        return Bptt.run(Autodiff.adjoint(cell), data.inputs(), data.initialStates(), data.params(), seeds, carry)
                .gradients();
    }

    /** The gradients of the unrolled graph with the state detached where it enters the steps in {@code cuts}. */
    Bptt.Gradients unrolled(Set<Integer> cuts) {
        return UnrolledGradients.of(cell, cuts, data.inputs(), data.initialStates(), data.params(), seeds);
    }

    /**
     * Checks that BPTT truncated every {@code k} steps is the gradient of the unrolled graph with the state detached
     * where it enters steps k, 2k, ….
     */
    void assertFixedTruncationIsTheDetachedUnrolledGraph(int k) {
        Set<Integer> boundaries = new TreeSet<>();
        for (int t = k; t < steps(); t += k) {
            boundaries.add(t);
        }
        compare(rolled(Truncation.fixed(k).carry(steps(), 0)), unrolled(boundaries)).assertWithin(1e-12);
    }

    /** Compares parameter, initial-state and per-step input gradients. */
    Report compare(Bptt.Gradients rolled, Bptt.Gradients unrolled) {
        return GradCheck.compare("the gradient of the unrolled graph", CellCheck.byVariable(rolled, data),
                CellCheck.byVariable(unrolled, data), FLOOR);
    }

    @Override
    public String toString() {
        int batch = data.inputs().get(0).values().iterator().next().rows();
        return "T = " + steps() + ", B = " + batch + ", " + cell.graph().size() + " nodes:\n" + Listing.of(cell);
    }
}
