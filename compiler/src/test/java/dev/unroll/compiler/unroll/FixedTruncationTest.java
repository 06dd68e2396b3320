package dev.unroll.compiler.unroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.check.Tuple2;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Fixed truncation means exactly one thing: BPTT with chunks of k steps equals the gradient of the unrolled graph
 * with a stop-gradient on the state where it enters steps k, 2k, …; and k > T is an error, not a silent skip.
 */
class FixedTruncationTest {

    static Gen<Tuple2<SeededRun, Integer>> runs() {
        return SeededRun.runs(8).flatMap(run -> Gens.integers(1, run.steps()).map(k -> new Tuple2<>(run, k)));
    }

    @Property(tries = 200, seed = "496")
    void truncatedBpttIsTheGradientOfTheDetachedUnrolledGraph(@ForAll("runs") Tuple2<SeededRun, Integer> c) {
        c.first().assertFixedTruncationIsTheDetachedUnrolledGraph(c.second());
    }

    @Test
    void truncationLongerThanTheSequenceIsAnError() {
        UnrollException e = assertThrows(UnrollException.class, () -> Truncation.fixed(6).carry(5, 0));
        assertEquals("fixed truncation k = 6 is longer than the sequence (T = 5); use k ≤ T, or Truncation.full() for"
                + " no truncation", e.getMessage());
    }

    @Test
    void gradientCheckOfATruncationLongerThanTheSequenceIsTheSameError() {
        UnrollException e = assertThrows(UnrollException.class, () -> GradCheck.cell(Cells.rnn(2, 2))
                .truncation(Truncation.fixed(4)).steps(3).finiteDifferences());
        assertEquals("fixed truncation k = 4 is longer than the sequence (T = 3); use k ≤ T, or Truncation.full() for"
                + " no truncation", e.getMessage());
    }

    @Test
    void truncationOfTheWholeSequenceIsFullBptt() {
        assertEquals(Arrays.toString(Truncation.full().carry(7, 0)),
                Arrays.toString(Truncation.fixed(7).carry(7, 0)));
    }
}
