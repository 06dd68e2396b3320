package dev.unroll.compiler.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autodiff walks iteratively: a 100,000-node graph differentiates on a thread with a 256 KiB stack. */
class LargeGraphTest {

    private static final int LINKS = 50_000;

    @Test
    void smallStackOverflowsOnAWalkThatRecursesPerNode() {
        assertThrows(StackOverflowError.class, () -> SmallStack.call(() -> depth(2 * LINKS)));
    }

    @Test
    void adjointOfAHundredThousandNodeChainIsExact() throws Exception {
        // y = v_L with v_0 = x and v_k = tanh(v_{k-1}) + x: two nodes per link.
        Cell chain = SmallStack.call(() -> Cell.define("chain", c -> {
            var x = c.input("x", 1);
            var v = x;
            for (int k = 0; k < LINKS; k++) {
                v = v.tanh().add(x);
            }
            c.output("y", v);
        }));
        assertTrue(chain.graph().size() > 100_000, "nodes: " + chain.graph().size());
        Adjoint adjoint = SmallStack.call(() -> Autodiff.adjoint(chain));
        double x = 0.3;
        Interpreter.Step step = SmallStack.call(() -> Interpreter.step(adjoint.cell(),
                Map.of("x", Mat.of(1, 1, x), DerivedNames.adjoint("y"), Mat.of(1, 1, 1.0)), Map.of(),
                Map.of()));
        double v = x;
        double dv = 1;
        for (int k = 0; k < LINKS; k++) {
            double t = Math.tanh(v);
            dv = (1 - t * t) * dv + 1;
            v = t + x;
        }
        double got = step.outputs().get(DerivedNames.adjoint("x")).get(0, 0);
        assertEquals(dv, got, 1e-12 * Math.abs(dv));
    }

    private static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }
}
