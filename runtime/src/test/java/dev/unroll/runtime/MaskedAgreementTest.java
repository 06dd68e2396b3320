package dev.unroll.runtime;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.model.CompiledProgram;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generated float64 code runs masked programs as the interpreter does (to 1e-10): stacked and bidirectional
 * models, heads on every step and on the last, full BPTT and fixed and randomized truncation; and appending padding
 * changes the generated code's loss and gradients by no more than 1e-12, under the same truncations.
 */
class MaskedAgreementTest {

    /** A masked model, a batch of rows of random lengths and a truncation; {@code pad} more steps of padding. */
    record Case(boolean bidirectional, boolean lastStep, int steps, int[] lengths, int pad, Truncation truncation,
                long seed) {

        Program program() {
            Layer first = Layer.lstm(2);
            return Planner.plan(Model.of(Encoding.oneHot(3)).layer(bidirectional ? first.bidirectional() : first)
                    .layer(Layer.gru(2)).head(lastStep ? Head.lastStep(3) : Head.everyStep(3)).masked().build());
        }

        double[][] tokens(int total, long stream) {
            SplittableRandom rng = new SplittableRandom(seed + stream);
            double[][] out = new double[total][lengths.length];
            for (double[] step : out) {
                for (int r = 0; r < step.length; r++) {
                    step[r] = rng.nextInt(3);
                }
            }
            return out;
        }
    }

    static Gen<Case> cases() {
        return c -> {
            int steps = Gens.integers(1, 6).generate(c);
            int[] lengths = new int[Gens.integers(1, 3).generate(c)];
            for (int r = 0; r < lengths.length; r++) {
                lengths[r] = Gens.integers(1, steps).generate(c);
            }
            int cut = Gens.integers(0, 2).generate(c);
            Truncation truncation = cut == 0 ? Truncation.full() : cut == 1
                    ? Truncation.fixed(Gens.integers(1, steps).generate(c)) : Truncation.randomized(0.6);
            return new Case(Gens.booleans().generate(c), Gens.booleans().generate(c), steps, lengths,
                    Gens.integers(1, 3).generate(c), truncation, Gens.longs(0, Long.MAX_VALUE).generate(c));
        };
    }

    @Test
    void generatedCodeEqualsTheInterpreterWithMasks() {
        PropertyRunner.forAll(cases()).tries(6).seed(1401L).check(k -> {
            Program p = k.program();
            int batch = k.lengths().length;
            ProgramExecutor generated = CompiledProgram.compile(p, Options.float64().maxSteps(k.steps())
                    .maxBatch(batch)).newExecutor();
            ProgramExecutor reference = ProgramExecutor.reference(p, k.steps(), batch);
            ParamStore params = ParamStore.initialize(p, k.seed());
            double[] carry = k.truncation().carry(k.steps(), k.seed());
            Agreement.sameRuns(run(reference, params, k, k.steps(), carry),
                    run(generated, params, k, k.steps(), carry), 1e-10, k.toString());
        });
    }

    @Test
    void paddingChangesNothingInGeneratedCode() {
        PropertyRunner.forAll(cases()).tries(4).seed(1402L).check(k -> {
            Program p = k.program();
            int batch = k.lengths().length;
            int total = k.steps() + k.pad();
            ProgramExecutor generated = CompiledProgram.compile(p, Options.float64().maxSteps(total)
                    .maxBatch(batch)).newExecutor();
            ParamStore params = ParamStore.initialize(p, k.seed());
            double[] carry = k.truncation().carry(total, k.seed());
            Agreement.sameRuns(run(generated, params, k, k.steps(), Arrays.copyOf(carry, k.steps())),
                    run(generated, params, k, total, carry), 1e-12, k.toString());
        });
    }

    private static Map<String, double[]> run(ProgramExecutor e, ParamStore params, Case k, int total,
                                             double[] carry) {
        return Agreement.maskedRun(e, params, k.tokens(total, 1), k.tokens(total, 2), k.lengths(), carry);
    }
}
