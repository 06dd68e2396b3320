package dev.unroll.compiler.gradcheck;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.LayerNormModels;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.inspect.Listing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Layer normalization is exact under autodiff and BPTT in every scan of stacked and bidirectional models: BPTT
 * agrees with central differences to 1e-6 and with the forward-mode oracle to 1e-10 (the cells alone are in
 * {@link StandardCellGradientsTest}).
 */
class LayerNormGradientsTest {

    /** A scan of a random LN model and the data of one run of it. */
    record ScanRun(Cell lossCell, SequenceData data) {
        @Override
        public String toString() {
            return "T = " + data.steps() + ":\n" + Listing.of(lossCell);
        }
    }

    static Gen<ScanRun> scanRuns() {
        return c -> {
            Cell cell = LayerNormModels.lossCells().generate(c);
            int steps = Gens.integers(1, 4).generate(c);
            return new ScanRun(cell, CellGens.data(cell, steps, Gens.integers(1, 3).generate(c)).generate(c));
        };
    }

    @Test
    void everyScanOfStackedAndBidirectionalModelsAgrees() {
        PropertyRunner.forAll(scanRuns()).tries(12).seed(1502L).check(k -> {
            double[] carry = Truncation.full().carry(k.data().steps(), 0);
            Bptt.Gradients g = Bptt.loss(Autodiff.adjoint(k.lossCell(), List.of(LossCell.LOSS)), k.data().inputs(),
                    k.data().initialStates(), k.data().params(), carry).result().gradients();
            Map<String, Mat> analytic = CellCheck.byVariable(g, k.data());
            GradCheck.finiteDifferences(new SequenceLoss(k.lossCell(), k.data(), carry), k.data().variables(),
                    analytic).assertWithin(1e-6);
            GradCheck.compare(ForwardOracle.NAME, analytic, ForwardOracle.gradients(k.lossCell(), k.data(), carry),
                    GradCheck.DEFAULT_FLOOR).assertWithin(1e-10);
        });
    }
}
