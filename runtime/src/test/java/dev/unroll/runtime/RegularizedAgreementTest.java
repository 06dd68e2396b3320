package dev.unroll.runtime;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.Regularization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated float64 code runs models with dropout, variational dropout and zoneout as the interpreter does (to
 * 1e-10), in training mode with the same key and first row (so the same masks) and in evaluation mode: stacked and
 * bidirectional, masked lengths or not, heads on every step and on the last, under full BPTT and fixed and
 * randomized truncation (the batches of {@link MaskedAgreementTest}).
 */
class RegularizedAgreementTest {

    /** A batch of {@link MaskedAgreementTest}, a regularization, whether lengths are masked, and the noise. */
    record Case(MaskedAgreementTest.Case base, Regularization regularization, boolean masked, long key, int firstRow,
                boolean training) {

        Program program() {
            Layer first = Layer.lstm(3);
            Model.Builder b = Model.of(Encoding.oneHot(3)).layer(base.bidirectional() ? first.bidirectional() : first)
                    .layer(Layer.gru(2)).head(base.lastStep() ? Head.lastStep(3) : Head.everyStep(3))
                    .regularization(regularization);
            return Planner.plan((masked ? b.masked() : b).build());
        }
    }

    static Gen<Case> cases() {
        Gen<Double> p = c -> new double[] {0, 0.25, 0.5}[Gens.integers(0, 2).generate(c)];
        return c -> {
            MaskedAgreementTest.Case base = MaskedAgreementTest.cases().generate(c);
            Regularization r = new Regularization(p.generate(c), p.generate(c), p.generate(c));
            return new Case(base, r.any() ? r : r.withDropout(0.5), Gens.booleans().generate(c),
                    Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).generate(c), Gens.integers(0, 40).generate(c),
                    Gens.integers(0, 3).generate(c) > 0);
        };
    }

    @Test
    void generatedCodeDrawsTheInterpretersMasks() {
        PropertyRunner.forAll(cases()).tries(8).seed(1518L).check(k -> {
            MaskedAgreementTest.Case b = k.base();
            Program p = k.program();
            ProgramExecutor[] executors = Agreement.referenceAndGenerated(p, b.steps(), b.lengths().length);
            ParamStore params = ParamStore.initialize(p, b.seed());
            double[] carry = b.truncation().carry(b.steps(), b.seed());
            Agreement.sameRuns(run(executors[0], params, k, carry), run(executors[1], params, k, carry), 1e-10,
                    k.toString());
        });
    }

    private static Map<String, double[]> run(ProgramExecutor e, ParamStore params, Case k, double[] carry) {
        MaskedAgreementTest.Case b = k.base();
        e.setNoise(k.key(), k.firstRow(), k.training());
        double[][] x = b.tokens(b.steps(), 1);
        double[][] y = b.tokens(b.steps(), 2);
        return Agreement.run(e, params, ex -> ex.forward(x, y, Map.of(), b.lengths().length,
                k.masked() ? b.lengths() : null), carry);
    }
}
