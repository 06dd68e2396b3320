package dev.unroll.compiler.unroll;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.compiler.bptt.Truncation;
import java.util.Set;

/**
 * The property that makes unrolling the semantics: for random cells and T ≤ 8, the gradients of
 * {@code Autodiff.adjoint(Unroller.unroll(cell, T))} equal rolled BPTT (the adjoint cell applied from step T−1 down
 * to 0) to 1e-12 relative, for parameters, initial states and every step's inputs.
 */
class RolledEqualsUnrolledTest {

    static Gen<SeededRun> runs() {
        return SeededRun.runs(8);
    }

    @Property(tries = 200, seed = "8128")
    void unrolledAdjointEqualsRolledBptt(@ForAll("runs") SeededRun run) {
        run.compare(run.rolled(Truncation.full().carry(run.steps(), 0)), run.unrolled(Set.of())).assertWithin(1e-12);
    }
}
