package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.model.InterpretedKernel;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Kernel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Final-state seeds on both backends: generated float64 code equals the interpreted kernel (1e-10) with and without
 * truncation; behind a carry factor of 0 the seed reaches only the steps after the cut; and a seed never set, or
 * cleared, leaves every gradient bit for bit as a kernel that never had one.
 */
class FinalStateSeedAgreementTest {

    private static final int MAX_STEPS = 5;
    private static final int MAX_BATCH = 3;
    private static final List<Adjoint> ADJOINTS = List.of(adjoint(Cells.lstm(2, 3)), adjoint(Cells.gru(2, 3)));

    /** A cell, a sequence, the step after which a truncation cuts ({@code 0}: none), and the seed of everything. */
    private record Case(int cell, int steps, int batch, int cut, long seed) {

        Cell forward() {
            return ADJOINTS.get(cell).forward();
        }

        FinalSeedRun run() {
            return FinalSeedRun.of(forward(), Scenario.of(forward().name(), forward()).data(steps, batch, seed),
                    seed + 1, Set.of());
        }

        /** Randomized factors, with a 0 at step {@code cut} if there is one. */
        double[] carry() {
            double[] carry = Truncation.randomized(0.5).carry(steps, seed);
            if (cut > 0) {
                carry[cut] = 0;
            }
            return carry;
        }
    }

    private static Gen<Case> cases() {
        return c -> {
            int steps = Gens.integers(1, MAX_STEPS).generate(c);
            return new Case(Gens.integers(0, ADJOINTS.size() - 1).generate(c), steps,
                    Gens.integers(1, MAX_BATCH).generate(c), Gens.integers(0, steps - 1).generate(c),
                    Gens.longs(0, Long.MAX_VALUE).generate(c));
        };
    }

    @Test
    void generatedCodeEqualsTheInterpretedKernelWithFinalStateSeeds() {
        List<Kernel> generated = ADJOINTS.stream().map(FinalStateSeedAgreementTest::compile).toList();
        PropertyRunner.forAll(cases()).tries(10).seed(1405L).check(k -> {
            FinalSeedRun run = k.run();
            double[] carry = k.carry();
            Agreement.close(k.toString(), run.gradients(interpreted(k.cell()), carry),
                    run.gradients(generated.get(k.cell()), carry), Agreement.FLOAT64);
        });
    }

    @Test
    void behindACutTheFinalStateSeedReachesOnlyTheStepsAfterIt() {
        List<Kernel> generated = ADJOINTS.stream().map(FinalStateSeedAgreementTest::compile).toList();
        PropertyRunner.forAll(cases().filter(k -> k.cut() > 0)).tries(6).seed(1406L).check(k -> {
            FinalSeedRun run = k.run().withoutOutputSeeds();
            double[] carry = new double[k.steps()];
            Arrays.fill(carry, 1.0);
            carry[k.cut()] = 0;
            for (Kernel kernel : List.of(generated.get(k.cell()), interpreted(k.cell()))) {
                Map<String, Mat> g = run.gradients(kernel, carry);
                for (int t = 0; t < k.steps(); t++) {
                    double size = size(g.get(FinalSeedRun.input("x", t)));
                    String where = "input gradient at step " + t + " of " + k;
                    if (t < k.cut()) {
                        assertEquals(0.0, size, where);
                    } else {
                        assertNotEquals(0.0, size, where);
                    }
                }
                for (Cell.State s : k.forward().states()) {
                    assertEquals(0.0, size(g.get(FinalSeedRun.initial(s.name()))), s.name() + " of " + k);
                }
            }
        });
    }

    @Test
    void unsetOrClearedFinalStateSeedsChangeNoGradientBit() {
        List<CompiledModel> models = ADJOINTS.stream().map(FinalStateSeedAgreementTest::model).toList();
        PropertyRunner.forAll(cases()).tries(6).seed(1407L).check(k -> {
            FinalSeedRun run = k.run();
            double[] carry = k.carry();
            CompiledModel model = models.get(k.cell());
            List<Kernel> fresh = List.of(model.newKernel(), interpreted(k.cell()));
            List<Kernel> reused = List.of(model.newKernel(), interpreted(k.cell()));
            for (int b = 0; b < fresh.size(); b++) {
                Map<String, Mat> never = withoutFinalSeeds(run, fresh.get(b), carry);
                Map<String, Mat> withSeeds = run.gradients(reused.get(b), carry);
                reused.get(b).clearFinalStateSeeds();
                reused.get(b).backward(carry);
                Map<String, Mat> cleared = run.gradientsOf(new KernelIo(reused.get(b)));
                assertBitwise(never, cleared, "cleared after a seeded backward, " + k);
                assertNotEquals(flat(never), flat(withSeeds), "the seeds change the gradients of " + k);
            }
        });
    }

    /** The run's gradients on a kernel whose final-state seeds were never set. */
    private static Map<String, Mat> withoutFinalSeeds(FinalSeedRun run, Kernel kernel, double[] carry) {
        FinalSeedRun unseeded = new FinalSeedRun(run.cell(), run.data(), run.outputSeeds(), Map.of(), run.fixed());
        return unseeded.gradients(kernel, carry);
    }

    private static void assertBitwise(Map<String, Mat> expected, Map<String, Mat> actual, String where) {
        assertEquals(expected.keySet(), actual.keySet(), where);
        expected.forEach((name, m) -> assertArrayEquals(m.data(), actual.get(name).data(), name + ", " + where));
    }

    private static List<Double> flat(Map<String, Mat> gradients) {
        return gradients.values().stream().flatMap(m -> Arrays.stream(m.data()).boxed()).toList();
    }

    private static double size(Mat m) {
        return Arrays.stream(m.data()).map(Math::abs).sum();
    }

    private static Adjoint adjoint(Cell cell) {
        return Autodiff.adjoint(cell, cell.outputs().stream().map(Cell.Port::name).toList());
    }

    private static CompiledModel model(Adjoint adjoint) {
        return Unroll.compile(adjoint, Options.float64().maxSteps(MAX_STEPS).maxBatch(MAX_BATCH));
    }

    private static Kernel compile(Adjoint adjoint) {
        return model(adjoint).newKernel();
    }

    private static Kernel interpreted(int cell) {
        return InterpretedKernel.of(ADJOINTS.get(cell), MAX_STEPS, MAX_BATCH);
    }
}
