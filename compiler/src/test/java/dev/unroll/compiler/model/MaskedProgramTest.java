package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.model.MaskedCase.Outcome;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Masked programs on the reference backend: padding changes nothing, bit for bit; full rows give exactly the
 * unmasked program's results; a batch of rows of their own lengths gives what each row gives alone.
 */
class MaskedProgramTest {

    private static final int TRIES = 60;

    @Test
    void appendingPaddingChangesNeitherLossNorAnyGradientBitForBit() {
        PropertyRunner.forAll(MaskedCase.cases()).tries(TRIES).seed(141L).check(k -> {
            Program p = Planner.plan(k.model(true));
            ParamStore params = ParamStore.initialize(p, k.seed());
            int total = k.steps() + k.pad();
            Outcome plain = MaskedCase.run(ProgramExecutor.reference(p, k.steps(), k.batch()), params,
                    k.inputs(k.steps()), k.targets(k.steps()), k.batch(), k.lengths(), k.carry(k.steps()));
            Outcome padded = MaskedCase.run(ProgramExecutor.reference(p, total, k.batch()), params,
                    k.inputs(total), k.targets(total), k.batch(), k.lengths(), k.carry(total));
            assertBitsEqual(plain, padded, k.toString());
        });
    }

    @Test
    void fullRowsGiveExactlyTheUnmaskedProgramsResults() {
        PropertyRunner.forAll(MaskedCase.cases()).tries(TRIES).seed(142L).check(k -> {
            Program unmasked = Planner.plan(k.model(false));
            Program masked = Planner.plan(k.model(true));
            ParamStore params = ParamStore.initialize(unmasked, k.seed());
            int[] full = new int[k.batch()];
            Arrays.fill(full, k.steps());
            double[][] x = k.inputs(k.steps());
            double[][] y = k.targets(k.steps());
            Outcome today = MaskedCase.run(ProgramExecutor.reference(unmasked, k.steps(), k.batch()), params, x, y,
                    k.batch(), null, k.carry(k.steps()));
            Outcome withMasks = MaskedCase.run(ProgramExecutor.reference(masked, k.steps(), k.batch()), params, x, y,
                    k.batch(), full, k.carry(k.steps()));
            assertBitsEqual(today, withMasks, k.toString());
        });
    }

    @Test
    void aBatchOfRowsOfTheirOwnLengthsEqualsTheRowsRunOneAtATime() {
        PropertyRunner.forAll(MaskedCase.cases()).tries(TRIES).seed(143L).check(k -> {
            Program masked = Planner.plan(k.model(true));
            Program unmasked = Planner.plan(k.model(false));
            ParamStore params = ParamStore.initialize(masked, k.seed());
            double[][] x = k.inputs(k.steps());
            double[][] y = k.targets(k.steps());
            Outcome batch = MaskedCase.run(ProgramExecutor.reference(masked, k.steps(), k.batch()), params, x, y,
                    k.batch(), k.lengths(), k.carry(k.steps()));
            double valid = Arrays.stream(k.lengths()).sum();
            double loss = 0;
            ParamStore gradients = ParamStore.zeros(masked);
            for (int r = 0; r < k.batch(); r++) {
                int length = k.lengths()[r];
                Outcome alone = MaskedCase.run(ProgramExecutor.reference(unmasked, length, 1), params, k.row(x, r),
                        k.row(y, r), 1, null, k.carry(length));
                double share = k.lastStep() ? 1.0 / k.batch() : length / valid;
                loss += share * alone.loss();
                for (int i = 0; i < gradients.size(); i++) {
                    double[] sum = gradients.values(i);
                    double[] own = alone.gradients().values(i);
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += share * own[j];
                    }
                }
                assertRowClose(alone, batch, r, k.batch(), k.toString());
            }
            assertClose(loss, batch.loss(), "loss " + k);
            for (int i = 0; i < gradients.size(); i++) {
                for (int j = 0; j < gradients.values(i).length; j++) {
                    assertClose(gradients.values(i)[j], batch.gradients().values(i)[j],
                            gradients.names().get(i) + "[" + j + "] " + k);
                }
            }
        });
    }

    @Test
    void rowsOfLengthOneReadOnlyTheirFirstStep() {
        Program p = Planner.plan(Model.of(Encoding.oneHot(3)).layer(Layer.lstm(2).bidirectional())
                .head(Head.lastStep(3)).masked().build());
        ProgramExecutor executor = ProgramExecutor.reference(p, 4, 2);
        executor.setParameters(ParamStore.initialize(p, 3));
        double[][] y = {{1, 2}, {0, 0}, {0, 0}, {0, 0}};
        double first = executor.forward(new double[][] {{0, 1}, {2, 2}, {1, 0}, {2, 1}}, y, Map.of(), 2,
                new int[] {1, 1});
        double[] outputs = executor.outputsAtLastValidStep();
        double second = executor.forward(new double[][] {{0, 1}, {1, 0}, {0, 0}, {1, 1}}, y, Map.of(), 2,
                new int[] {1, 1});
        assertEquals(first, second, 0.0);
        assertArrayEquals(outputs, executor.outputsAtLastValidStep(), 0.0);
    }

    @Test
    void lengthsOutsideTheStepsOrOnAnUnmaskedProgramAreRefusedWithTheRule() {
        Program masked = Planner.plan(Model.of(Encoding.oneHot(3)).layer(Layer.rnn(2)).head(Head.everyStep(3))
                .masked().build());
        ProgramExecutor executor = ProgramExecutor.reference(masked, 2, 2);
        double[][] x = {{0, 1}, {1, 0}};
        UnrollException zero = assertThrows(UnrollException.class,
                () -> executor.forward(x, x, Map.of(), 2, new int[] {0, 2}));
        assertEquals(true, zero.getMessage().contains("row 0 has length 0"), zero.getMessage());
        Program unmasked = Planner.plan(Model.of(Encoding.oneHot(3)).layer(Layer.rnn(2)).head(Head.everyStep(3))
                .build());
        UnrollException notMasked = assertThrows(UnrollException.class, () -> ProgramExecutor.reference(unmasked, 2,
                2).forward(x, x, Map.of(), 2, new int[] {1, 2}));
        assertEquals(true, notMasked.getMessage().contains("masked()"), notMasked.getMessage());
    }

    private static void assertBitsEqual(Outcome expected, Outcome actual, String where) {
        assertEquals(expected.loss(), actual.loss(), 0.0, "loss " + where);
        assertEquals(Double.doubleToLongBits(expected.loss()), Double.doubleToLongBits(actual.loss()), "loss bits");
        for (int i = 0; i < expected.gradients().size(); i++) {
            assertArrayEquals(expected.gradients().values(i), actual.gradients().values(i),
                    expected.gradients().names().get(i) + " " + where);
        }
        expected.finalStates().forEach((name, v) -> assertArrayEquals(v, actual.finalStates().get(name),
                "final " + name + " " + where));
        assertArrayEquals(expected.lastOutputs(), actual.lastOutputs(), "outputs at last valid steps " + where);
    }

    /** Row {@code r} of the batch's final states and last outputs against the row run alone. */
    private static void assertRowClose(Outcome alone, Outcome batch, int r, int rows, String where) {
        alone.finalStates().forEach((name, v) -> {
            double[] all = batch.finalStates().get(name);
            for (int c = 0; c < v.length; c++) {
                assertClose(v[c], all[r * v.length + c], "final " + name + " row " + r + " " + where);
            }
        });
        int cols = batch.lastOutputs().length / rows;
        for (int c = 0; c < cols; c++) {
            assertClose(alone.lastOutputs()[c], batch.lastOutputs()[r * cols + c], "last output row " + r + where);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }
}
