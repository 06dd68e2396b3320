package dev.unroll.examples.cells;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.compiler.gradcheck.CellGens;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.Cell;
import org.junit.jupiter.api.Test;

/** The gradients of a custom cell, checked the way docs/GRADCHECK.md shows. */
class PeepholeLstmGradientTest {

    static final Cell CELL = PeepholeLstm.cell(3, 4);

    @Test
    void bpttMatchesFiniteDifferences() {
        GradCheck.of(CELL, Loss.MEAN_SQUARED_ERROR, 5, 2, 42).assertWithin(1e-6);
    }

    @Test
    void bpttMatchesTheForwardModeOracle() {
        GradCheck.cell(CELL).steps(5).batch(2).seed(42).forwardMode().assertWithin(1e-10);
    }

    @Property(tries = 20)
    void bpttMatchesFiniteDifferencesOnAnyData(@ForAll("data") SequenceData data) {
        GradCheck.cell(CELL).data(data).finiteDifferences().assertWithin(1e-6);
    }

    static Gen<SequenceData> data() {
        return CellGens.lossData(CELL, "y", Loss.MEAN_SQUARED_ERROR, 4, 2);
    }
}
