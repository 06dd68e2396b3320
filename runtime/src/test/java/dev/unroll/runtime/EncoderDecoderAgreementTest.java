package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoder;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.cells.ContextCells;
import dev.unroll.runtime.model.CompiledProgram;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generated float64 code runs encoder–decoder programs as the interpreter does (to 1e-10): uni- and bidirectional
 * encoders, decoders with and without the context input, random source and target lengths, full BPTT and fixed and
 * randomized truncation; and greedy decoding, which steps the generated decoder, picks the same tokens.
 */
class EncoderDecoderAgreementTest {

    private static final int VOCAB = 4;

    /** An encoder–decoder, a batch of rows of random source and target lengths, and a truncation. */
    record Case(boolean bidirectional, boolean context, int steps, int[] sourceLengths, int[] lengths,
                Truncation truncation, long seed) {

        Program program() {
            int hidden = bidirectional ? 4 : 2;
            Layer encoder = bidirectional ? Layer.gru(2).bidirectional() : Layer.gru(2);
            Layer decoder = context ? Layer.of(in -> ContextCells.gru(in, hidden, hidden)) : Layer.gru(hidden);
            return Planner.plan(Model.of(Encoding.embedding(VOCAB, 3))
                    .encoder(Encoder.of(Encoding.oneHot(VOCAB), encoder)).layer(decoder)
                    .head(Head.everyStep(VOCAB)).build());
        }

        double[][] tokens(long stream) {
            SplittableRandom rng = new SplittableRandom(seed + stream);
            double[][] out = new double[steps][lengths.length];
            for (double[] step : out) {
                for (int r = 0; r < step.length; r++) {
                    step[r] = rng.nextInt(VOCAB);
                }
            }
            return out;
        }
    }

    static Gen<Case> cases() {
        return c -> {
            int steps = Gens.integers(1, 5).generate(c);
            int batch = Gens.integers(1, 3).generate(c);
            int[] sourceLengths = new int[batch];
            int[] lengths = new int[batch];
            for (int r = 0; r < batch; r++) {
                sourceLengths[r] = Gens.integers(1, steps).generate(c);
                lengths[r] = Gens.integers(1, steps).generate(c);
            }
            int cut = Gens.integers(0, 2).generate(c);
            Truncation truncation = cut == 0 ? Truncation.full() : cut == 1
                    ? Truncation.fixed(Gens.integers(1, steps).generate(c)) : Truncation.randomized(0.6);
            return new Case(Gens.booleans().generate(c), Gens.booleans().generate(c), steps, sourceLengths, lengths,
                    truncation, Gens.longs(0, Long.MAX_VALUE).generate(c));
        };
    }

    @Test
    void generatedCodeEqualsTheInterpreter() {
        PropertyRunner.forAll(cases()).tries(6).seed(1405L).check(k -> {
            Program p = k.program();
            int batch = k.lengths().length;
            ProgramExecutor generated = CompiledProgram.compile(p, Options.float64().maxSteps(k.steps())
                    .maxBatch(batch)).newExecutor();
            ProgramExecutor reference = ProgramExecutor.reference(p, k.steps(), batch);
            ParamStore params = ParamStore.initialize(p, k.seed());
            double[] carry = k.truncation().carry(k.steps(), k.seed());
            Agreement.sameRuns(run(reference, params, k, carry), run(generated, params, k, carry), 1e-10,
                    k.toString());
            int[][] greedyReference = reference.greedy(k.tokens(1), k.sourceLengths(), batch, 0, VOCAB - 1, 6);
            int[][] greedyGenerated = generated.greedy(k.tokens(1), k.sourceLengths(), batch, 0, VOCAB - 1, 6);
            for (int r = 0; r < batch; r++) {
                assertArrayEquals(greedyReference[r], greedyGenerated[r], "greedy row " + r + " of " + k);
            }
        });
    }

    /** The loss, every gradient, the final states and the decoder's outputs at each row's last valid step. */
    private static Map<String, double[]> run(ProgramExecutor e, ParamStore params, Case k, double[] carry) {
        return Agreement.run(e, params, ex -> ex.forward(k.tokens(1), k.sourceLengths(), k.tokens(2), k.tokens(3),
                Map.of(), k.lengths().length, k.lengths()), carry);
    }
}
