package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextGeneratorTest {

    @Test
    void samplingFollowsTheTemperedSoftmax() {
        double[] logits = {0.0, Math.log(3.0)};
        SplittableRandom rng = new SplittableRandom(1);
        int n = 40_000;
        int ones = 0;
        for (int i = 0; i < n; i++) {
            ones += TextGenerator.sample(logits, 1.0, rng);
        }
        double p = 0.75;
        assertEquals(p, (double) ones / n, 4 * Math.sqrt(p * (1 - p) / n), "P(1) = 3/(1+3) at temperature 1");
        int hot = 0;
        for (int i = 0; i < n; i++) {
            hot += TextGenerator.sample(logits, 1e-3, rng);
        }
        assertEquals(n, hot, "a temperature near 0 is greedy");
    }

    @Test
    void greedyGenerationIsDeterministicAndMatchesTheReference() {
        Program p = Planner.plan(Model.of(Encoding.oneHot(5)).layer(Layer.gru(4)).head(Head.everyStep(5)).build());
        ProgramExecutor ex = CompiledProgram.compile(p, Options.float64().maxSteps(1).maxBatch(1)).newExecutor();
        ex.setParameters(ParamStore.initialize(p, 3));
        int[] first = TextGenerator.continueFrom(ex, new int[] {1, 2}, 6, 0, 9);
        int[] again = TextGenerator.continueFrom(ex, new int[] {1, 2}, 6, 0, 9);
        assertArrayEquals(first, again);
        assertArrayEquals(referenceGreedy(p, ParamStore.initialize(p, 3).mats(), new int[] {1, 2}, 6), first);
    }

    /** Greedy continuation by rerunning the reference interpreter over the whole growing sequence. */
    private static int[] referenceGreedy(Program p, Map<String, Mat> params, int[] prefix, int count) {
        List<Integer> seq = new ArrayList<>();
        for (int t : prefix) {
            seq.add(t);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            List<Mat> x = new ArrayList<>();
            List<Mat> y = new ArrayList<>();
            for (int t : seq) {
                x.add(Mat.of(1, 1, t));
                y.add(Mat.of(1, 1, 0));
            }
            ProgramRunner.Forward f = ProgramRunner.forward(p, x, y, Map.of(), params);
            double[] logits = f.outputs().get(0).get(seq.size() - 1).get(Planner.HEAD_OUTPUT).data();
            out[i] = TextGenerator.argmax(logits);
            seq.add(out[i]);
        }
        return out;
    }

    @Test
    void aModelThatReadsTheFutureCannotGenerate() {
        Program p = Planner.plan(Model.of(Encoding.oneHot(3)).layer(Layer.rnn(2).bidirectional())
                .head(Head.everyStep(3)).build());
        ProgramExecutor ex = CompiledProgram.compile(p, Options.float64().maxSteps(1).maxBatch(1)).newExecutor();
        UnrollException e = assertThrows(UnrollException.class,
                () -> TextGenerator.continueFrom(ex, new int[] {0}, 1, 0, 1));
        assertEquals("generation predicts the next token from the past only, but scans [l0b] run backward in time;"
                + " generate with a unidirectional model", e.getMessage());
    }
}
