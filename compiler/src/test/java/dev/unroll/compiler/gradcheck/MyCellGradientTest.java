package dev.unroll.compiler.gradcheck;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.dsl.Cell;
import org.junit.jupiter.api.Test;

class MyCellGradientTest {

    /** A cell of your own: a tanh RNN whose update is gated by a sigmoid. */
    static final Cell CELL = Cell.define("gated", c -> {
        var x = c.input("x", 3);
        var h = c.state("h", 4);
        var hNext = c.affine("h", 4, x, h).tanh().mul(c.affine("g", 4, x, h).sigmoid());
        c.next(h, hNext).output("y", hNext);
    });

    @Test
    void bpttMatchesFiniteDifferences() {
        GradCheck.of(CELL, Loss.MEAN_SQUARED_ERROR, 5, 2, 42).assertWithin(1e-6);
    }

    @Test
    void bpttMatchesTheForwardModeOracle() {
        GradCheck.cell(CELL).steps(5).batch(2).seed(42).forwardMode().assertWithin(1e-10);
    }

    @Property(tries = 50, seed = "42")
    void bpttMatchesFiniteDifferencesOnAnyData(@ForAll("data") SequenceData data) {
        GradCheck.cell(CELL).data(data).finiteDifferences().assertWithin(1e-6);
    }

    static Gen<SequenceData> data() {
        return CellGens.lossData(CELL, "y", Loss.MEAN_SQUARED_ERROR, 4, 2);
    }
}
