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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generated float64 code runs stacked and bidirectional models of layer-normalized cells as the interpreter does,
 * to 1e-10: the loss, every parameter's gradient, the final states and the outputs, under full BPTT and fixed and
 * randomized truncation.
 */
class LayerNormAgreementTest {

    /**
     * A model of LN-LSTM or LN-GRU layers and a batch of token sequences.
     *
     * @param lstm whether the layers are LN-LSTM (else LN-GRU)
     * @param bidirectional whether every layer runs both ways
     * @param layers stacked layers
     * @param steps the sequence length
     * @param batch the rows
     * @param seed the seed of the tokens, the parameters and the randomized truncation
     */
    record Case(boolean lstm, boolean bidirectional, int layers, int steps, int batch, long seed) {

        Program program() {
            Layer one = lstm ? Layer.layerNormLstm(3) : Layer.layerNormGru(3);
            return Planner.plan(Model.of(Encoding.oneHot(4)).layers(layers, bidirectional ? one.bidirectional() : one)
                    .head(Head.everyStep(4)).build());
        }

        double[][] tokens(long stream) {
            SplittableRandom rng = new SplittableRandom(seed + stream);
            double[][] out = new double[steps][batch];
            for (double[] step : out) {
                for (int r = 0; r < batch; r++) {
                    step[r] = rng.nextInt(4);
                }
            }
            return out;
        }
    }

    static Gen<Case> cases() {
        return c -> new Case(Gens.booleans().generate(c), Gens.booleans().generate(c), Gens.integers(1, 2).generate(c),
                Gens.integers(1, 5).generate(c), Gens.integers(1, 3).generate(c),
                Gens.longs(0, Long.MAX_VALUE).generate(c));
    }

    @Test
    void generatedCodeEqualsTheInterpreter() {
        PropertyRunner.forAll(cases()).tries(5).seed(1505L).check(k -> {
            Program p = k.program();
            ProgramExecutor generated = CompiledProgram.compile(p, Options.float64().maxSteps(k.steps())
                    .maxBatch(k.batch())).newExecutor();
            ProgramExecutor reference = ProgramExecutor.reference(p, k.steps(), k.batch());
            ParamStore params = ParamStore.initialize(p, k.seed());
            double[][] x = k.tokens(1);
            double[][] y = k.tokens(2);
            for (Truncation truncation : List.of(Truncation.full(), Truncation.fixed(Math.min(2, k.steps())),
                    Truncation.randomized(0.6))) {
                double[] carry = truncation.carry(k.steps(), k.seed());
                Agreement.sameRuns(
                        Agreement.run(reference, params, e -> e.forward(x, y, Map.of(), k.batch()), carry),
                        Agreement.run(generated, params, e -> e.forward(x, y, Map.of(), k.batch()), carry),
                        Agreement.FLOAT64, k + ", " + truncation);
            }
        });
    }
}
