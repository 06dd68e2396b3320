package dev.unroll.runtime;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.kernels.Dtype;

/**
 * Over random cells, widths, batch sizes (1..4) and sequence lengths (1..6), the generated kernel agrees with the
 * interpreter on the loss, outputs, final states and every gradient, under every truncation and in both dtypes.
 */
class RandomShapesPropertyTest {

    /** One generated case: which cell and its widths, the run's shape, the schedule, the dtype and a data seed. */
    record Case(int cell, int n, int m, int v, int steps, int batch, int truncation, Dtype dtype, long seed) {

        Scenario scenario() {
            return CustomCells.all(n, m, v).get(cell);
        }

        Truncation schedule() {
            return switch (truncation) {
                case 0 -> Truncation.full();
                case 1 -> Truncation.fixed(Math.min(2, steps));
                default -> Truncation.randomized(0.5);
            };
        }

        @Override
        public String toString() {
            return scenario() + " " + dtype + " " + schedule() + " T=" + steps + " B=" + batch + " seed=" + seed;
        }
    }

    static Gen<Case> cases() {
        int cells = CustomCells.all(1, 1, 2).size();
        return c -> new Case(Gens.integers(0, cells - 1).generate(c), Gens.integers(1, 4).generate(c),
                Gens.integers(1, 4).generate(c), Gens.integers(2, 5).generate(c),
                Gens.integers(1, Agreement.MAX_STEPS).generate(c), Gens.integers(1, Agreement.MAX_BATCH).generate(c),
                Gens.integers(0, 2).generate(c), Gens.oneOf(Dtype.FLOAT64, Dtype.FLOAT32).generate(c),
                Gens.longs(0, 1_000_000).generate(c));
    }

    @Property(tries = 60, seed = "20250101")
    void generatedCodeAgreesWithTheInterpreter(@ForAll("cases") Case k) {
        Agreement.check(k.scenario(), k.dtype(), k.schedule(), k.steps(), k.batch(), k.seed());
    }
}
