package dev.unroll.compiler.emit;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node runs, as the {@link Passes} decide: in the time loops (the default), hoisted before the forward
 * loop, or, for a weight gradient, after the backward loop; which values must therefore be kept per step; and which
 * parameters the backward pass reads transposed. Ids are those of the adjoint graph, whose first nodes are the
 * forward graph's.
 */
final class Schedule {

    private final Adjoint adjoint;
    private final boolean[] hoisted;
    private final boolean[] tall;
    private final int[] deferred;
    private final boolean[] keptPerStep;
    /**
     * The most parameter values a merged group packs. Packing copies them once per forward pass, and one product
     * instead of several saves only calls: measured on the LSTM, merging pays at H = 32 (4,096 values, 6 % at B = 1)
     * and costs 4 % at H = 256 (262,144 values, B = 1), where the copy of a megabyte outweighs three calls per step.
     */
    static final int MERGE_LIMIT = 65_536;

    /**
     * The largest batch capacity for which every weight gradient is deferred. A per-step product of a small batch is
     * short and each adds a pass over the weight gradient, so one product over all steps' rows pays: measured on the
     * LSTM at H = 256, deferring is worth 1.9× at B = 1, 14 % at B = 8 and 9 % at B = 16, but costs 5–9 % at
     * B = 32, where the per-step products already run near the kernel's speed and the tall one reads operands that
     * no longer fit in the first-level cache.
     */
    static final int DEFER_MAX_BATCH = 16;

    /**
     * The most values a parameter may have for its gradient to be deferred at larger batches too: at B = 32,
     * deferring the LSTM's gradients was worth 6 % at H = 32, 2 % at H = 64 and 3 % at H = 128 (a {@code [128×128]}
     * gate matrix, 16,384 values), and cost 5–9 % at H = 256 (65,536 values).
     */
    static final int DEFER_MAX_VALUES = 32_768;

    private final int[] transposedParam;
    private final boolean fuse;
    private final List<List<Integer>> merged = new ArrayList<>();

    private Schedule(Adjoint adjoint, boolean fuse) {
        int size = adjoint.cell().graph().size();
        this.adjoint = adjoint;
        this.fuse = fuse;
        this.hoisted = new boolean[size];
        this.tall = new boolean[size];
        this.deferred = new int[adjoint.forward().params().size()];
        this.keptPerStep = new boolean[size];
        this.transposedParam = new int[size];
        Arrays.fill(deferred, -1);
        Arrays.fill(transposedParam, -1);
    }

    /** The schedule of {@code adjoint} under {@code passes}, for a kernel of at most {@code maxBatch} rows. */
    static Schedule of(Adjoint adjoint, Passes passes, int maxBatch) {
        Schedule s = new Schedule(adjoint, passes.fuseElementwise());
        if (passes.hoistInputs()) {
            s.hoist();
        }
        if (passes.deferWeightGradients()) {
            for (int p = 0; p < s.deferred.length; p++) {
                Shape w = adjoint.forward().params().get(p).shape();
                if (maxBatch <= DEFER_MAX_BATCH || (long) w.rows() * w.cols() <= DEFER_MAX_VALUES) {
                    s.defer(p);
                }
            }
        }
        if (passes.transposeWeights()) {
            s.transpose();
        }
        if (passes.mergeProducts()) {
            s.merge();
        }
        return s;
    }

    /** Whether forward node {@code id} is computed for every step before the forward loop. */
    boolean hoisted(int id) {
        return hoisted[id];
    }

    /** Whether hoisted node {@code id} is computed in one call over all steps' rows rather than step by step. */
    boolean tall(int id) {
        return tall[id];
    }

    /** The gradient node of parameter {@code p} if it is summed after the backward loop, or −1. */
    int deferred(int p) {
        return deferred[p];
    }

    /** Whether the step bodies run in {@link Fusion}'s order, with chains of tileable nodes. */
    boolean fuses() {
        return fuse;
    }

    /**
     * Whether node {@code n} runs on tiles of rows, its method taking the first row: a {@link Fusion#tileable} node
     * when elementwise fusion is on.
     */
    boolean tiled(Node n) {
        return fuse && Fusion.tileable(n, adjoint.cell().graph());
    }

    /**
     * The groups of forward products run as one, each the ids of the {@code matmul} nodes in the time loop that
     * multiply the same batched value by a parameter, in graph order; only groups of two or more, of at most
     * {@link #MERGE_LIMIT} parameter values.
     */
    List<List<Integer>> mergedProducts() {
        return List.copyOf(merged);
    }

    /** The index of the merged group holding node {@code id}, or −1. */
    int mergeGroup(int id) {
        for (int g = 0; g < merged.size(); g++) {
            if (merged.get(g).contains(id)) {
                return g;
            }
        }
        return -1;
    }

    /** Whether node {@code id} is a deferred gradient, which the backward step does not compute. */
    boolean isDeferred(int id) {
        for (int node : deferred) {
            if (node == id) {
                return true;
            }
        }
        return false;
    }

    /** Whether node {@code id}'s value must be kept per step although no step after its own reads it. */
    boolean keptPerStep(int id) {
        return keptPerStep[id];
    }

    /** The parameter node that node {@code id} (a {@code matmul_nt}) reads transposed, or −1. */
    int transposedParam(int id) {
        return transposedParam[id];
    }

    /** The parameter nodes read transposed, in graph order, each once. */
    List<Integer> transposedParams() {
        List<Integer> params = new ArrayList<>();
        for (int p : transposedParam) {
            if (p >= 0 && !params.contains(p)) {
                params.add(p);
            }
        }
        params.sort(null);
        return params;
    }

    /**
     * Marks the forward nodes that depend on an input and otherwise only on parameters and constants, never on a
     * state; they are kept per step, and computed in one tall call where the op works row by row on batched values.
     */
    private void hoist() {
        Graph fwd = adjoint.forward().graph();
        for (Node n : fwd.nodes()) {
            if (n.op().isLeaf()) {
                continue;
            }
            boolean fromInput = false;
            boolean ok = true;
            for (int in : n.inputs()) {
                Op op = fwd.node(in).op();
                ok &= hoisted[in] || op == Op.INPUT || op == Op.PARAM || op == Op.CONST;
                fromInput |= hoisted[in] || op == Op.INPUT;
            }
            hoisted[n.id()] = ok && fromInput;
            keptPerStep[n.id()] = hoisted[n.id()];
            tall[n.id()] = hoisted[n.id()] && RowWise.tall(n, fwd, hoisted);
        }
    }

    /** Defers parameter {@code p}'s gradient if it is a product of two batched values that can be kept per step. */
    private void defer(int p) {
        Cell cell = adjoint.cell();
        int node = adjoint.parameterGradient(p).map(Cell.Port::node).orElse(-1);
        if (node < adjoint.forwardSize() || uses(node) != 1) {
            return;
        }
        Node g = cell.graph().node(node);
        if (g.op() != Op.MATMUL_TN || !perStepOperand(g.input(0)) || !perStepOperand(g.input(1))) {
            return;
        }
        deferred[p] = node;
        for (int in : g.inputs()) {
            keptPerStep[in] |= !cell.graph().node(in).op().isLeaf();
        }
    }

    /** Whether a batched value can be read for every step after the loop: per-step leaves and computed values. */
    private boolean perStepOperand(int id) {
        Node n = adjoint.cell().graph().node(id);
        return n.shape().batched() && n.op() != Op.PARAM && n.op() != Op.CONST;
    }

    /** How often node {@code id} is read: by other nodes, as a state's next value, or as an output. */
    private int uses(int id) {
        Cell cell = adjoint.cell();
        long reads = cell.graph().nodes().stream().flatMap(n -> n.inputs().stream()).filter(i -> i == id).count();
        long nexts = cell.states().stream().filter(s -> s.next() == id).count();
        long outs = cell.outputs().stream().filter(o -> o.node() == id).count();
        return (int) (reads + nexts + outs);
    }

    /**
     * Groups the forward products in the time loop of one batched value by parameters, by that value, when their
     * parameters hold at most {@link #MERGE_LIMIT} values together.
     */
    private void merge() {
        Graph fwd = adjoint.forward().graph();
        Map<Integer, List<Integer>> byOperand = new LinkedHashMap<>();
        for (Node n : fwd.nodes()) {
            if (n.op() == Op.MATMUL && !hoisted[n.id()] && fwd.node(n.input(1)).op() == Op.PARAM
                    && fwd.node(n.input(0)).shape().batched()) {
                byOperand.computeIfAbsent(n.input(0), k -> new ArrayList<>()).add(n.id());
            }
        }
        for (List<Integer> group : byOperand.values()) {
            long packed = 0;
            for (int id : group) {
                Node w = fwd.node(fwd.node(id).input(1));
                packed += (long) w.shape().rows() * w.shape().cols();
            }
            if (group.size() > 1 && packed <= MERGE_LIMIT) {
                merged.add(group);
            }
        }
    }

    /** Marks the backward {@code d·Wᵀ} products whose {@code W} is a parameter. */
    private void transpose() {
        Graph graph = adjoint.cell().graph();
        for (Node n : graph.nodes().subList(adjoint.forwardSize(), graph.size())) {
            if (n.op() == Op.MATMUL_NT && graph.node(n.input(1)).op() == Op.PARAM) {
                transposedParam[n.id()] = n.input(1);
            }
        }
    }
}
