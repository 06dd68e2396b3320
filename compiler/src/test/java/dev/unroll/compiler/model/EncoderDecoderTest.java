package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.GradCheck;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Encoder–decoder programs on the reference backend: gradients through both hand-overs (final states and context)
 * against central differences, padding that changes nothing, rows run together equal to rows run one at a time, and
 * greedy decoding that agrees with the teacher-forced forward pass.
 */
class EncoderDecoderTest {

    @Test
    void gradientsThroughTheHandOverMatchCentralDifferences() {
        PropertyRunner.forAll(Seq2SeqCase.cases()).tries(16).seed(1401L).check(k -> {
            Program p = Planner.plan(k.model());
            ProgramExecutor executor = ProgramExecutor.reference(p, k.steps(), k.batch());
            double[][] source = k.source(k.steps());
            double[][] x = k.inputs(k.steps());
            double[][] y = k.targets(k.steps());
            ParamStore params = ParamStore.initialize(p, k.seed());
            executor.setParameters(params);
            executor.forward(source, k.sourceLengths(), x, y, Map.of(), k.batch(), k.lengths());
            executor.backward(Truncation.full().carry(k.steps(), 0));
            ParamStore gradients = executor.gradients();
            GradCheck.finiteDifferences(mats -> {
                executor.setParameters(ParamStore.of(p, mats, "finite differences"));
                return executor.forward(source, k.sourceLengths(), x, y, Map.of(), k.batch(), k.lengths());
            }, params.mats(), gradients.mats()).assertWithin(1e-6);
        });
    }

    @Test
    void paddingChangesNeitherLossNorAnyGradient() {
        PropertyRunner.forAll(Seq2SeqCase.cases()).tries(16).seed(1402L).check(k -> {
            Program p = Planner.plan(k.model());
            ParamStore params = ParamStore.initialize(p, k.seed());
            Run exact = run(p, params, k, k.steps());
            Run padded = run(p, params, k, k.steps() + k.pad());
            assertEquals(exact.loss(), padded.loss(), 0.0, "loss");
            for (int i = 0; i < exact.gradients().size(); i++) {
                assertArrayEquals(exact.gradients().values(i), padded.gradients().values(i), 0.0,
                        exact.gradients().names().get(i));
            }
        });
    }

    @Test
    void rowsTogetherEqualRowsOneAtATime() {
        PropertyRunner.forAll(Seq2SeqCase.cases()).tries(12).seed(1403L).check(k -> {
            Program p = Planner.plan(k.model());
            ParamStore params = ParamStore.initialize(p, k.seed());
            Run together = run(p, params, k, k.steps());
            long valid = Arrays.stream(k.lengths()).sum();
            double loss = 0;
            ParamStore sum = ParamStore.zeros(p);
            for (int r = 0; r < k.batch(); r++) {
                ProgramExecutor one = ProgramExecutor.reference(p, k.steps(), 1);
                one.setParameters(params);
                double weight = (double) k.lengths()[r] / valid;
                loss += weight * one.forward(Seq2SeqCase.row(k.source(k.steps()), r, k.steps()),
                        new int[] {k.sourceLengths()[r]}, Seq2SeqCase.row(k.inputs(k.steps()), r, k.steps()),
                        Seq2SeqCase.row(k.targets(k.steps()), r, k.steps()), Map.of(), 1,
                        new int[] {k.lengths()[r]});
                one.backward(Truncation.full().carry(k.steps(), 0));
                one.gradientsInto(sum, weight, true);
            }
            assertEquals(together.loss(), loss, 1e-12, "loss");
            for (int i = 0; i < sum.size(); i++) {
                assertArrayEquals(together.gradients().values(i), sum.values(i), 1e-12, sum.names().get(i));
            }
        });
    }

    @Test
    void greedyDecodingAgreesWithTheTeacherForcedPass() {
        PropertyRunner.forAll(Seq2SeqCase.cases()).tries(12).seed(1404L).check(k -> {
            Program p = Planner.plan(k.model());
            int longest = 5;
            ProgramExecutor executor = ProgramExecutor.reference(p, Math.max(k.steps(), longest + 1), k.batch());
            executor.setParameters(ParamStore.initialize(p, k.seed()));
            int start = 0;
            int end = Seq2SeqCase.TARGET_VOCAB - 1;
            int[][] decoded = executor.greedy(k.source(k.steps()), k.sourceLengths(), k.batch(), start, end, longest);
            // Feeding the decoded tokens back under teacher forcing must reproduce each step's choice.
            int steps = Math.max(k.steps(), longest + 1);
            double[][] source = k.source(steps);
            double[][] x = new double[steps][k.batch()];
            for (int r = 0; r < k.batch(); r++) {
                x[0][r] = start;
                for (int t = 0; t < decoded[r].length; t++) {
                    x[t + 1][r] = decoded[r][t];
                }
            }
            executor.forward(source, k.sourceLengths(), x, new double[steps][k.batch()], Map.of(), k.batch(), null);
            for (int t = 0; t <= longest && t < steps; t++) {
                double[] logits = executor.output(t);
                for (int r = 0; r < k.batch(); r++) {
                    if (t > decoded[r].length || t == longest) {
                        continue;
                    }
                    int chosen = t < decoded[r].length ? decoded[r][t] : end;
                    assertEquals(chosen, argmax(logits, r, Seq2SeqCase.TARGET_VOCAB), "row " + r + " step " + t);
                }
            }
        });
    }

    private static int argmax(double[] logits, int r, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[r * vocab + i] > logits[r * vocab + best]) {
                best = i;
            }
        }
        return best;
    }

    private record Run(double loss, ParamStore gradients) {
    }

    private static Run run(Program p, ParamStore params, Seq2SeqCase k, int steps) {
        ProgramExecutor executor = ProgramExecutor.reference(p, steps, k.batch());
        executor.setParameters(params);
        double loss = executor.forward(k.source(steps), k.sourceLengths(), k.inputs(steps), k.targets(steps),
                Map.of(), k.batch(), k.lengths());
        executor.backward(Truncation.full().carry(steps, 0));
        return new Run(loss, executor.gradients());
    }
}
