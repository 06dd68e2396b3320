package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.GradClip;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.InitialState;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.optim.Adam;
import dev.unroll.runtime.optim.Optimizer;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training step's work on parameter stores (setting the kernels, gathering gradients, clipping, the update)
 * allocates nothing. The kernels' own forward and backward runs are left out: what they allocate depends on the
 * kernel path (plain or vector) and the JIT, not on the stores.
 */
class StoreStepAllocationTest {

    @Test
    void aSteadyStateStepOverStoresAllocatesNothing() {
        Program program = Planner.plan(Model.of(Encoding.oneHot(5)).layer(Layer.lstm(3)).head(Head.everyStep(5))
                .initialState(InitialState.LEARNED).build());
        ProgramExecutor executor = CompiledProgram.compile(program, Options.float64().maxSteps(4).maxBatch(2))
                .newExecutor();
        ParamStore params = ParamStore.initialize(program, 1);
        ParamStore grads = params.zerosLike();
        Optimizer adam = new Adam(1e-3);
        double[][] x = {{1, 2}, {3, 4}, {0, 1}, {2, 2}};
        double[][] y = {{2, 3}, {4, 0}, {1, 2}, {2, 1}};
        double[] carry = Truncation.full().carry(4, 0);
        Map<String, double[]> noStates = Map.of();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (int i = 0; i < 3_000; i++) {
            long start = threads.getCurrentThreadAllocatedBytes();
            executor.setParameters(params);
            long set = threads.getCurrentThreadAllocatedBytes();
            executor.forward(x, y, noStates, 2);
            executor.backward(carry);
            long run = threads.getCurrentThreadAllocatedBytes();
            executor.gradientsInto(grads, 1.0, false);
            GradClip.clipInPlace(grads.names(), grads.arrays(), 1.0);
            adam.step(params, grads);
            long end = threads.getCurrentThreadAllocatedBytes();
            if (i >= 1_000) { // after warm-up: Adam's moments, the executor's buffers, the JIT
                allocated += (set - start) + (end - run);
            }
        }
        // 2,000 steps: even 8 bytes per step would be 16 KB.
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes");
    }
}
