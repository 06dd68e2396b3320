package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.kernels.Dtype;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every combination of the emitter's passes (hoisted input projections, weight gradients after the loop, transposed
 * weights, fused elementwise chains, merged products) keeps the generated kernels equal to the interpreter, on random cells and shapes; and a kernel reused
 * with a smaller batch ignores the rows a larger batch left in its per-step buffers, which hoisted tall calls compute
 * over and the sum of the weight gradients steps around.
 */
class PassesAgreeTest {

    /** The thirty-two combinations, all passes first. */
    static List<Passes> combinations() {
        List<Passes> all = new ArrayList<>();
        for (int bits = 31; bits >= 0; bits--) {
            all.add(new Passes((bits & 16) != 0, (bits & 8) != 0, (bits & 4) != 0, (bits & 2) != 0,
                    (bits & 1) != 0));
        }
        return all;
    }

    /** One case: a cell among the custom cells, its widths, the run, the dtype, the passes and a seed. */
    record Case(int cell, int n, int m, int v, int steps, int batch, Dtype dtype, Passes passes, long seed) {
    }

    static Gen<Case> cases() {
        int cells = CustomCells.all(1, 1, 2).size();
        return c -> new Case(Gens.integers(0, cells - 1).generate(c), Gens.integers(1, 4).generate(c),
                Gens.integers(1, 4).generate(c), Gens.integers(2, 5).generate(c),
                Gens.integers(1, Agreement.MAX_STEPS).generate(c), Gens.integers(1, Agreement.MAX_BATCH).generate(c),
                Gens.oneOf(Dtype.FLOAT64, Dtype.FLOAT32).generate(c), Gens.elements(combinations()).generate(c),
                Gens.longs(0, 1_000_000).generate(c));
    }

    @Property(tries = 100, seed = "20250614")
    void everyCombinationOfPassesAgreesWithTheInterpreter(@ForAll("cases") Case k) {
        Scenario scenario = CustomCells.all(k.n(), k.m(), k.v()).get(k.cell());
        Agreement.check(scenario, k.dtype(), Truncation.randomized(0.5), k.steps(), k.batch(), k.seed(), k.passes());
    }

    /**
     * Values wider than {@code FuseElementwise.TILE_ELEMENTS / batch} columns split a chain into several tiles of rows, the
     * last one partial: 300 columns give tiles of 3 rows, 520 columns tiles of 1 row, over a batch of 4.
     */
    @Test
    void chainsOverSeveralTilesOfRowsAgreeWithTheInterpreter() {
        for (int width : new int[] {300, 520}) {
            for (Scenario scenario : CustomCells.all(3, width, 600)) {
                for (Dtype dtype : Dtype.values()) {
                    Agreement.check(scenario, dtype, Truncation.fixed(2), 3, Agreement.MAX_BATCH, width, Passes.ALL);
                }
            }
        }
    }

    @Test
    void aKernelReusedWithSmallerBatchesAgreesWithTheInterpreter() {
        for (Scenario scenario : CustomCells.all(3, 4, 5)) {
            for (Dtype dtype : Dtype.values()) {
                CompiledModel model = Agreement.compile(scenario, Options.float64().dtype(dtype)
                        .truncation(Truncation.fixed(3)).maxSteps(Agreement.MAX_STEPS).maxBatch(Agreement.MAX_BATCH),
                        Passes.ALL);
                for (int batch : new int[] {Agreement.MAX_BATCH, 1, 3, Agreement.MAX_BATCH}) {
                    Agreement.check(model, scenario, Agreement.MAX_STEPS - batch % 2, batch, 11 + batch);
                }
            }
        }
    }

    /**
     * A product by one-hot rows of at least {@code OpEmitter.SPARSE_MIN_COLUMNS} columns gathers rows of the weights
     * (hoisted or in the step) and its weight gradient scatters rows (summed after the loop or added per step):
     * tokens of 5 classes into 128 columns, with all passes, none, and all but hoisting or deferral.
     */
    @Test
    void productsByOneHotRowsAgreeWithTheInterpreter() {
        Scenario scenario = CustomCells.all(1, 128, 5).get(5);
        for (Passes passes : List.of(Passes.ALL, Passes.NONE, Passes.ALL.withoutHoisting(),
                Passes.ALL.withoutDeferredGradients())) {
            for (Dtype dtype : Dtype.values()) {
                Agreement.check(scenario, dtype, Truncation.fixed(2), 3, Agreement.MAX_BATCH, 9, passes);
            }
        }
        assertTrue(Agreement.compile(scenario, Options.float64().maxBatch(Agreement.MAX_BATCH), Passes.ALL).source()
                .contains("SparseRows.tnSum("), "the gradient of the embedding is not a scatter of rows");
    }
}
