package dev.unroll.compiler.passes.schedule;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The deferral pass: a parameter gradient that is a single {@code matmul_tn a b} of two batched values, read by
 * nothing else, leaves the backward step (its product and its addition to the gradient) and is summed after the
 * backward loop as {@code Σ_t a_tᵀ·b_t}, one product over all steps' rows; its operands are then kept per step.
 * Only where that pays: in kernels of at most {@link #MAX_BATCH} rows, or for parameters of at most
 * {@link #MAX_VALUES} values.
 */
public final class DeferWeightGradients {

    /**
     * The largest batch capacity for which every weight gradient is deferred. A per-step product of a small batch is
     * short and each adds a pass over the weight gradient, so one product over all steps' rows pays: measured on the
     * LSTM at H = 256, deferring is worth 1.9× at B = 1, 14 % at B = 8 and 9 % at B = 16, but costs 5–9 % at
     * B = 32, where the per-step products already run near the kernel's speed and the tall one reads operands that
     * no longer fit in the first-level cache.
     */
    public static final int MAX_BATCH = 16;

    /**
     * The most values a parameter may have for its gradient to be deferred at larger batches too: at B = 32,
     * deferring the LSTM's gradients was worth 6 % at H = 32, 2 % at H = 64 and 3 % at H = 128 (a {@code [128×128]}
     * gate matrix, 16,384 values), and cost 5–9 % at H = 256 (65,536 values).
     */
    public static final int MAX_VALUES = 32_768;

    private DeferWeightGradients() {
    }

    /** {@code program} with the weight gradients that pay summed after the backward loop, for {@code maxBatch} rows. */
    public static Scheduled apply(Scheduled program, int maxBatch) {
        Adjoint adjoint = program.adjoint();
        List<Item> step = new ArrayList<>(program.region(Region.BACKWARD_STEP));
        List<Item> after = new ArrayList<>(program.region(Region.AFTER_BACKWARD));
        for (int p = 0; p < adjoint.forward().params().size(); p++) {
            Shape w = adjoint.forward().params().get(p).shape();
            int node = adjoint.parameterGradient(p).map(Cell.Port::node).orElse(-1);
            boolean pays = maxBatch <= MAX_BATCH || (long) w.rows() * w.cols() <= MAX_VALUES;
            Item compute = new Item.Compute(node);
            Item accumulate = new Item.AccumulateGradient(p, node);
            if (pays && deferrable(adjoint, node) && step.contains(compute) && step.contains(accumulate)) {
                step.remove(compute);
                step.remove(accumulate);
                after.add(new Item.SumOverSteps(node, p));
            }
        }
        return program.with(Region.BACKWARD_STEP, step, Region.AFTER_BACKWARD, after);
    }

    /** Whether gradient node {@code node} is a product of two per-step values that nothing else reads. */
    private static boolean deferrable(Adjoint adjoint, int node) {
        if (node < adjoint.forwardSize() || uses(adjoint.cell(), node) != 1) {
            return false;
        }
        Graph graph = adjoint.cell().graph();
        Node g = graph.node(node);
        return g.op() == Op.MATMUL_TN && perStep(graph.node(g.input(0))) && perStep(graph.node(g.input(1)));
    }

    /** Whether a value can be read for every step after the loop: batched per-step leaves and computed values. */
    private static boolean perStep(Node n) {
        return n.shape().batched() && n.op() != Op.PARAM && n.op() != Op.CONST;
    }

    /** How often node {@code id} is read: by other nodes, as a state's next value, or as an output. */
    private static int uses(Cell cell, int id) {
        long reads = cell.graph().nodes().stream().flatMap(n -> n.inputs().stream()).filter(i -> i == id).count();
        long nexts = cell.states().stream().filter(s -> s.next() == id).count();
        long outs = cell.outputs().stream().filter(o -> o.node() == id).count();
        return (int) (reads + nexts + outs);
    }
}
