package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Kernel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gradients of {@code J = Σ_t <outputSeed_t, y_t> + Σ_s <finalSeed_s, finalState_s>} from a generated float64
 * kernel's backward pass match central differences of J computed by the interpreter: for an LSTM and a GRU, and for
 * a masked layer, where each row's final-state seed enters at that row's last valid step and nowhere after it.
 */
class FinalStateSeedGradientsTest {

    private static final int MAX_STEPS = 4;
    private static final int MAX_BATCH = 3;
    private static final List<Cell> CELLS = List.of(Cells.lstm(2, 3), Cells.gru(2, 3));
    /** The forward direction of a masked bidirectional LSTM layer: a scan of its own, reading data and mask. */
    private static final Cell MASKED = Planner.plan(Model.of(Encoding.features(2)).layer(Layer.lstm(2)
            .bidirectional()).head(Head.lastStep(2)).loss(Loss.MEAN_SQUARED_ERROR).masked().build())
            .scans().get(0).cell();

    /** A cell, a sequence length, a batch and the seed of data and adjoint seeds. */
    private record Case(int cell, int steps, int batch, long seed) {
    }

    private static Gen<Case> cases() {
        return c -> new Case(Gens.integers(0, CELLS.size() - 1).generate(c), Gens.integers(1, MAX_STEPS).generate(c),
                Gens.integers(1, MAX_BATCH).generate(c), Gens.longs(0, Long.MAX_VALUE).generate(c));
    }

    @Test
    void lstmAndGruGradientsMatchCentralDifferencesOfTheSeededObjective() {
        List<Kernel> kernels = CELLS.stream().map(FinalStateSeedGradientsTest::compile).toList();
        PropertyRunner.forAll(cases()).tries(8).seed(1403L).check(k -> {
            Cell cell = CELLS.get(k.cell());
            FinalSeedRun run = FinalSeedRun.of(cell, Scenario.of(cell.name(), cell).data(k.steps(), k.batch(),
                    k.seed()), k.seed() + 1, Set.of());
            Map<String, Mat> analytic = run.gradients(kernels.get(k.cell()), ones(k.steps()));
            GradCheck.finiteDifferences(run::objective, run.variables(), analytic).assertWithin(1e-6);
        });
    }

    @Test
    void aMaskedRowsFinalSeedEntersAtItsLastValidStep() {
        Kernel kernel = compile(MASKED);
        PropertyRunner.forAll(cases(), lengthsSeeds()).tries(8).seed(1404L).check(p -> {
            Case k = p.first();
            int[] lengths = lengths(k, p.second());
            FinalSeedRun run = FinalSeedRun.of(MASKED, masked(k, lengths), k.seed() + 1, Set.of(Program.MASK));
            Map<String, Mat> analytic = run.gradients(kernel, ones(k.steps()));
            GradCheck.finiteDifferences(run::objective, run.variables(), analytic).assertWithin(1e-6);
            Map<String, Mat> seededOnly = run.withoutOutputSeeds().gradients(kernel, ones(k.steps()));
            for (int r = 0; r < k.batch(); r++) {
                for (int t = 0; t < k.steps(); t++) {
                    double[] row = row(seededOnly.get(FinalSeedRun.input(Program.DATA, t)), r);
                    String where = "row " + r + " of length " + lengths[r] + ", step " + t + ": " + k;
                    if (t >= lengths[r]) {
                        assertEquals(0.0, Arrays.stream(row).map(Math::abs).sum(), where);
                    } else if (t == lengths[r] - 1) {
                        assertNotEquals(0.0, Arrays.stream(row).map(Math::abs).sum(), where);
                    }
                }
            }
        });
    }

    private static Gen<Long> lengthsSeeds() {
        return Gens.longs(0, Long.MAX_VALUE);
    }

    /** Each row's length in {@code [1, steps]}, drawn from {@code seed}. */
    private static int[] lengths(Case k, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] lengths = new int[k.batch()];
        for (int r = 0; r < lengths.length; r++) {
            lengths[r] = 1 + rng.nextInt(k.steps());
        }
        return lengths;
    }

    /** Random data for the masked layer, with the mask of {@code lengths}. */
    private static Scenario.Data masked(Case k, int[] lengths) {
        Scenario.Data data = Scenario.of("masked", MASKED).data(k.steps(), k.batch(), k.seed());
        for (int t = 0; t < k.steps(); t++) {
            double[] mask = new double[k.batch()];
            for (int r = 0; r < mask.length; r++) {
                mask[r] = t < lengths[r] ? 1 : 0;
            }
            data.inputs().get(t).put(Program.MASK, Mat.of(k.batch(), 1, mask));
        }
        return data;
    }

    private static Kernel compile(Cell cell) {
        List<String> outputs = cell.outputs().stream().map(Cell.Port::name).toList();
        return Unroll.compile(Autodiff.adjoint(cell, outputs), Options.float64().maxSteps(MAX_STEPS)
                .maxBatch(MAX_BATCH)).newKernel();
    }

    private static double[] ones(int steps) {
        double[] carry = new double[steps];
        Arrays.fill(carry, 1.0);
        return carry;
    }

    private static double[] row(Mat m, int r) {
        return Arrays.copyOfRange(m.data(), r * m.cols(), (r + 1) * m.cols());
    }
}
