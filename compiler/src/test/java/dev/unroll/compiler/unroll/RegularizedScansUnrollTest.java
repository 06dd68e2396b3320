package dev.unroll.compiler.unroll;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellGens;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.Regularization;
import dev.unroll.dsl.Cell;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rolled BPTT equals the gradient of the unrolled graph (1e-12 relative) for every scan of stacked and bidirectional
 * models with dropout, variational dropout and zoneout, in training mode with the masks fixed by a key: the unrolled
 * copy of step t draws step t's masks, locked masks step 0's.
 */
class RegularizedScansUnrollTest {

    /** A planned scan's cell with its data (in training mode) and adjoint seeds. */
    static Gen<SeededRun> runs() {
        return c -> {
            Regularization r = new Regularization(0.4, Gens.booleans().generate(c) ? 0.3 : 0,
                    Gens.booleans().generate(c) ? 0.5 : 0);
            Layer first = Gens.booleans().generate(c) ? Layer.lstm(2) : Layer.gru(2);
            Model model = Model.of(Encoding.features(2))
                    .layer(Gens.booleans().generate(c) ? first.bidirectional() : first).layer(Layer.rnn(2))
                    .head(Head.everyStep(2)).loss(Loss.MEAN_SQUARED_ERROR).regularization(r).build();
            List<Program.Scan> scans = Planner.plan(model).scans();
            Cell cell = scans.get(Gens.integers(0, scans.size() - 1).generate(c)).cell();
            int steps = Gens.integers(1, 5).generate(c);
            int batch = Gens.integers(1, 3).generate(c);
            SequenceData data = CellGens.data(cell, steps, batch).generate(c)
                    .with(Noise.training(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c)));
            return SeededRun.of(cell, data).generate(c);
        };
    }

    @Test
    void unrolledAdjointEqualsRolledBpttWithFixedMasks() {
        PropertyRunner.forAll(runs()).tries(40).seed(1517L).check(run -> run.compare(
                run.rolled(Truncation.full().carry(run.steps(), 0)), run.unrolled(Set.of())).assertWithin(1e-12));
    }
}
