package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.ForwardOracle;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of models with dropout, variational dropout and zoneout, the masks held fixed by a fixed key in
 * training mode: the program's gradients against central differences of its loss (stacked and bidirectional, masked
 * lengths or not, full BPTT), and the loss scan's BPTT against the forward-mode oracle under every truncation.
 */
class RegularizedGradientsTest {

    /** A model and batch of {@link MaskedCase}, a regularization with at least one option on, and a key. */
    record Case(MaskedCase base, Regularization regularization, long key) {

        static Gen<Case> cases() {
            Gen<Double> p = c -> new double[] {0, 0.3, 0.6}[Gens.integers(0, 2).generate(c)];
            return c -> {
                MaskedCase base = MaskedCase.cases().generate(c);
                Regularization r = new Regularization(p.generate(c), p.generate(c), p.generate(c));
                Regularization some = r.any() ? r : r.withZoneout(0.5);
                return new Case(base, some, Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c));
            };
        }

        Model model(boolean masked) {
            Model m = base.model(masked);
            return new Model(m.encoding(), m.layers(), m.head(), m.loss(), m.initialState(), m.masked(), m.encoder(),
                    regularization);
        }
    }

    @Test
    void programGradientsWithFixedMasksMatchCentralDifferences() {
        PropertyRunner.forAll(Case.cases()).tries(16).seed(1515L).check(k -> {
            MaskedCase b = k.base();
            boolean masked = (k.key() & 1) == 0;
            Program p = Planner.plan(k.model(masked));
            ProgramExecutor executor = ProgramExecutor.reference(p, b.steps(), b.batch());
            executor.setNoise(k.key(), 0, true);
            double[][] x = b.inputs(b.steps());
            double[][] y = b.targets(b.steps());
            int[] lengths = masked ? b.lengths() : null;
            MaskedCase.Outcome at = MaskedCase.run(executor, ParamStore.initialize(p, b.seed()), x, y, b.batch(),
                    lengths, Truncation.full().carry(b.steps(), 0));
            GradCheck.finiteDifferences(mats -> {
                executor.setParameters(ParamStore.of(p, mats, "finite differences"));
                return executor.forward(x, y, Map.of(), b.batch(), lengths);
            }, ParamStore.initialize(p, b.seed()).mats(), at.gradients().mats()).assertWithin(1e-6);
        });
    }

    @Test
    void lossScanBpttWithFixedMasksMatchesTheForwardModeOracle() {
        PropertyRunner.forAll(Case.cases().filter(k -> !k.base().bidirectional())).tries(12).seed(1516L).check(k -> {
            MaskedCase b = k.base();
            Program p = Planner.plan(k.model(true));
            Cell cell = p.lossScan().cell();
            assertTrue(cell.graph().nodes().stream().anyMatch(n -> n.op() == Op.DROPOUT || n.op() == Op.ZONEOUT));
            SequenceData data = MaskedGradientsTest.data(b, cell, ParamStore.initialize(p, b.seed()).mats())
                    .with(Noise.training(k.key()));
            double[] carry = b.carry(b.steps());
            Bptt.Gradients g = Bptt.loss(Autodiff.adjoint(cell, List.of(LossCell.LOSS)), data.inputs(),
                    data.initialStates(), data.params(), carry, data.noise()).result().gradients();
            GradCheck.compare(ForwardOracle.NAME, CellCheck.byVariable(g, data),
                    ForwardOracle.gradients(cell, data, carry), GradCheck.DEFAULT_FLOOR).assertWithin(1e-10);
        });
    }
}
