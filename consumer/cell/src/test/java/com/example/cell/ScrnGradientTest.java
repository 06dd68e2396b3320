package com.example.cell;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.loss.Loss;

/** The BPTT gradients Unroll derives for {@link Scrn} agree with finite differences and forward mode, at any size. */
class ScrnGradientTest {

    /** Sizes of one check: input width, hidden size, steps, batch and the seed of the data. */
    record Sizes(int input, int hidden, int steps, int batch, long seed) {
    }

    @Property(tries = 30)
    void bpttMatchesFiniteDifferencesAtAnySize(@ForAll("sizes") Sizes s) {
        GradCheck.of(Scrn.cell(s.input(), s.hidden()), Loss.MEAN_SQUARED_ERROR, s.steps(), s.batch(), s.seed())
                .assertWithin(1e-6);
    }

    @Property(tries = 30)
    void bpttMatchesTheForwardModeOracleAtAnySize(@ForAll("sizes") Sizes s) {
        GradCheck.cell(Scrn.cell(s.input(), s.hidden())).steps(s.steps()).batch(s.batch()).seed(s.seed())
                .forwardMode().assertWithin(1e-10);
    }

    static Gen<Sizes> sizes() {
        return Gens.zip(Gens.tuples(Gens.integers(1, 4), Gens.integers(1, 5), Gens.integers(1, 6)),
                Gens.tuples(Gens.integers(1, 3), Gens.longs(0, Long.MAX_VALUE)),
                (a, b) -> new Sizes(a.first(), a.second(), a.third(), b.first(), b.second()));
    }
}
