package dev.unroll.compiler.unroll;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.check.Tuple2;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.LayerNormModels;
import java.util.Set;

/**
 * Rolled BPTT equals the gradient of the unrolled graph for layer-normalized cells too, taken as every scan of
 * stacked and bidirectional LN-LSTM and LN-GRU models: under full BPTT, and under fixed truncation with the state
 * detached where it enters steps k, 2k, ….
 */
class LayerNormRolledEqualsUnrolledTest {

    static Gen<SeededRun> runs() {
        return SeededRun.runs(LayerNormModels.lossCells(), 5);
    }

    static Gen<Tuple2<SeededRun, Integer>> truncatedRuns() {
        return runs().flatMap(run -> Gens.integers(1, run.steps()).map(k -> new Tuple2<>(run, k)));
    }

    @Property(tries = 60, seed = "1503")
    void unrolledAdjointEqualsRolledBptt(@ForAll("runs") SeededRun run) {
        run.compare(run.rolled(Truncation.full().carry(run.steps(), 0)), run.unrolled(Set.of())).assertWithin(1e-12);
    }

    @Property(tries = 40, seed = "1504")
    void truncatedBpttIsTheGradientOfTheDetachedUnrolledGraph(
            @ForAll("truncatedRuns") Tuple2<SeededRun, Integer> c) {
        c.first().assertFixedTruncationIsTheDetachedUnrolledGraph(c.second());
    }
}
