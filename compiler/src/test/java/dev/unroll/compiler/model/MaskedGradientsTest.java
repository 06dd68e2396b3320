package dev.unroll.compiler.model;

import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.ForwardOracle;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.SequenceData;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks with random lengths: the masked program's gradients against central differences of its loss
 * (every model shape, full BPTT), and a masked scan's BPTT against the forward-mode oracle (under every truncation).
 */
class MaskedGradientsTest {

    @Test
    void maskedProgramGradientsMatchCentralDifferences() {
        PropertyRunner.forAll(MaskedCase.cases()).tries(12).seed(144L).check(k -> {
            Program p = Planner.plan(k.model(true));
            ProgramExecutor executor = ProgramExecutor.reference(p, k.steps(), k.batch());
            double[][] x = k.inputs(k.steps());
            double[][] y = k.targets(k.steps());
            double[] carry = Truncation.full().carry(k.steps(), 0);
            MaskedCase.Outcome at = MaskedCase.run(executor, ParamStore.initialize(p, k.seed()), x, y, k.batch(),
                    k.lengths(), carry);
            GradCheck.finiteDifferences(mats -> {
                executor.setParameters(ParamStore.of(p, mats, "finite differences"));
                return executor.forward(x, y, Map.of(), k.batch(), k.lengths());
            }, ParamStore.initialize(p, k.seed()).mats(), at.gradients().mats()).assertWithin(1e-6);
        });
    }

    @Test
    void maskedScanBpttMatchesTheForwardModeOracle() {
        PropertyRunner.forAll(MaskedCase.cases().filter(k -> !k.bidirectional())).tries(12).seed(145L).check(k -> {
            Program p = Planner.plan(k.model(true));
            Cell cell = p.lossScan().cell();
            SequenceData data = data(k, cell, ParamStore.initialize(p, k.seed()).mats());
            double[] carry = k.carry(k.steps());
            Bptt.Gradients g = Bptt.loss(Autodiff.adjoint(cell, List.of(LossCell.LOSS)), data.inputs(),
                    data.initialStates(), data.params(), carry).result().gradients();
            GradCheck.compare(ForwardOracle.NAME, CellCheck.byVariable(g, data),
                    ForwardOracle.gradients(cell, data, carry), GradCheck.DEFAULT_FLOOR).assertWithin(1e-10);
        });
    }

    /** The scan's inputs at every step (data, target, mask and loss weight from the lengths), zero states. */
    static SequenceData data(MaskedCase k, Cell cell, Map<String, Mat> params) {
        double[][] x = k.inputs(k.steps());
        double[][] y = k.targets(k.steps());
        List<Map<String, Mat>> steps = new ArrayList<>();
        for (int t = 0; t < k.steps(); t++) {
            double[] mask = new double[k.batch()];
            double[] weight = new double[k.batch()];
            for (int r = 0; r < k.batch(); r++) {
                mask[r] = t < k.lengths()[r] ? 1 : 0;
                weight[r] = k.lastStep() ? (t == k.lengths()[r] - 1 ? 1 : 0) : mask[r];
            }
            Map<String, Mat> step = new LinkedHashMap<>();
            step.put(Program.DATA, Mat.of(k.batch(), x[t].length / k.batch(), x[t]));
            step.put(LossCell.targetName(Planner.HEAD_OUTPUT), Mat.of(k.batch(), y[t].length / k.batch(), y[t]));
            step.put(Program.MASK, Mat.of(k.batch(), 1, mask));
            step.put(LossCell.WEIGHT, Mat.of(k.batch(), 1, weight));
            steps.add(step);
        }
        Map<String, Mat> states = new LinkedHashMap<>();
        cell.states().forEach(s -> states.put(s.name(), Mat.zeros(k.batch(), s.shape().cols())));
        return new SequenceData(steps, states, params);
    }
}
