package dev.unroll.compiler.gradcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import org.junit.jupiter.api.AfterEach;

/**
 * Acceptance: for random cells (random DAGs over the op set, random loss, truncation, sequence length and batch),
 * BPTT gradients of parameters, initial states and inputs agree with finite differences to 1e-6 and with the
 * forward-mode oracle to 1e-10, relative (floor {@link GradCheck#DEFAULT_FLOOR}).
 */
class RandomCellGradientsTest {

    static Gen<RandomCase> cases() {
        return RandomCase.cases(5);
    }

    private long compared;
    private long skipped;

    @Property(tries = 200, seed = "20250603")
    void bpttAgreesWithFiniteDifferencesAndForwardMode(@ForAll("cases") RandomCase k) {
        CellCheck check = k.check();
        Report fd = check.finiteDifferences().assertWithin(1e-6);
        compared += fd.compared();
        skipped += fd.skipped();
        check.forwardMode().assertWithin(1e-10);
    }

    /** Runs once after all tries: skipping (next to a relu kink) must stay rare, or the check would be hollow. */
    @AfterEach
    void finiteDifferencesComparedAlmostEverything() {
        assertTrue(compared > 5_000, "compared " + compared);
        assertTrue(skipped <= compared / 1000, "skipped " + skipped + " of " + (compared + skipped));
    }
}
