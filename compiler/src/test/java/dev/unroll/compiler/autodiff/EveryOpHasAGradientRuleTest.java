package dev.unroll.compiler.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.Report;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.ir.Op;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks {@code Op.values()}: every non-leaf op has a gradient rule that finite differences confirm (through
 * {@code Autodiff} and BPTT over two steps), and the ops whose gradient is absent by definition (detach, step,
 * one-hot, and the targets of softmax cross-entropy) produce no gradient at all, not a materialized zero.
 */
class EveryOpHasAGradientRuleTest {

    @ParameterizedTest
    @EnumSource(Op.class)
    void everyNonLeafOpHasATinyCase(Op op) {
        assertEquals(!op.isLeaf(), OpCases.of(op).isPresent(), op + ": leaves have no case, other ops one");
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void gradientRuleAgreesWithFiniteDifferences(Op op) {
        if (op.isLeaf()) {
            return;
        }
        OpCases c = OpCases.of(op).orElseThrow();
        CellCheck check = GradCheck.cell(c.cell()).data(c.data());
        Map<String, Mat> analytic = check.analytic();
        Map<String, Mat> checked = new LinkedHashMap<>();
        check.sequenceData().variables().forEach((name, value) -> {
            // Class indices are not real numbers; a detached value still flows forward, so only its gradient
            // (absent, checked below) is defined, not a finite difference. Step's zero gradient is checked here.
            if (!c.classIndices().contains(operand(name)) && op != Op.DETACH) {
                checked.put(name, value);
            }
            if (c.absent().contains(operand(name))) {
                assertEquals(Mat.zeros(value.rows(), value.cols()), analytic.get(name), op + ": " + name);
            }
        });
        assertEquals(op == Op.DETACH || op == Op.ONE_HOT, checked.isEmpty(), op + ": " + checked.keySet());
        Report r = GradCheck.finiteDifferences(check.lossFunction(), checked, analytic).assertWithin(1e-6);
        assertEquals(0, r.skipped(), op + ": the case lies where the op is smooth\n" + r);
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void absentGradientsAreAbsentFromTheAdjoint(Op op) {
        if (op.isLeaf()) {
            return;
        }
        OpCases c = OpCases.of(op).orElseThrow();
        Adjoint adjoint = Autodiff.adjoint(c.cell());
        Set<String> outputs = adjoint.cell().outputs().stream().map(Cell.Port::name).collect(Collectors.toSet());
        for (Cell.Port in : c.cell().inputs()) {
            boolean expected = !c.absent().contains(in.name()) && !c.classIndices().contains(in.name());
            assertEquals(expected, outputs.contains(DerivedNames.adjoint(in.name())),
                    op + ": gradient of input " + in.name() + " in " + outputs);
        }
        for (Cell.Param p : c.cell().params()) {
            assertTrue(outputs.contains(DerivedNames.gradient(p.name())), op + ": " + outputs);
        }
        if (op == Op.DETACH || op == Op.STEP || op == Op.ONE_HOT) {
            assertFalse(c.cell().inputs().stream().anyMatch(in -> outputs.contains(DerivedNames.adjoint(in.name()))),
                    op + " passes no gradient: " + outputs);
        }
    }

    /** The operand a variable belongs to: {@code a__t1} is step 1's {@code a}. */
    private static String operand(String variable) {
        int cut = variable.indexOf(Names.RESERVED);
        return cut < 0 ? variable : variable.substring(0, cut);
    }
}
