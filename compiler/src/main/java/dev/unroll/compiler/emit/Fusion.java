package dev.unroll.compiler.emit;

import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The elementwise-fusion pass: which nodes can run on a tile of rows, and an order of a step's nodes that puts them
 * in chains. A step is scheduled greedily: every other node (the products, reductions over rows, layout ops) runs as
 * soon as its operands are ready, and when none is ready, every tileable node that can run, in graph order, forms
 * one chain. An LSTM step thus runs its four gate products, then one chain from the gate sums to the next hidden
 * state. The order is a topological order of the same nodes, each writing its own buffer, so it computes exactly
 * what graph order does.
 */
final class Fusion {

    /** The most nodes one chain holds, so that no chain method grows with the cell. */
    static final int MAX_CHAIN = 32;

    /** About how many elements of the widest value a tile holds: a few kilobytes per value, in the first-level cache. */
    static final int TILE_ELEMENTS = 1024;

    private Fusion() {
    }

    /**
     * Whether node {@code n} computes each row of its batched value from the same row of its batched operands alone,
     * so that it can run on any tile of rows: elementwise arithmetic and activations, bias rows, row sums and
     * broadcasts, the row softmax. Products are left to the matrix kernels, layout ops to their copies.
     */
    static boolean tileable(Node n, Graph graph) {
        if (!n.shape().batched() || !elementwiseOrRow(n.op())) {
            return false;
        }
        for (int i = 0; i < n.inputs().size(); i++) {
            boolean bias = n.op() == Op.ADD_BIAS && i == 1;
            if (!bias && !graph.node(n.input(i)).shape().batched()) {
                return false;
            }
        }
        return true;
    }

    private static boolean elementwiseOrRow(Op op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, ADD_BIAS, NEG, SCALE, TANH, SIGMOID, RELU, STEP, EXP, LOG, DETACH, SUM_COLS,
                    MEAN_COLS, BROADCAST_COLS, SOFTMAX -> true;
            case INPUT, STATE, PARAM, CONST, MATMUL, MATMUL_NT, MATMUL_TN, CONCAT, SLICE, PAD, SUM_ROWS, MEAN_ROWS,
                    BROADCAST_ROWS, SPREAD_ROWS, ONE_HOT, SOFTMAX_CE -> false;
        };
    }

    /**
     * The computed nodes of {@code body} (a step's nodes in graph order) in fused order, as runs: a run of one node
     * is called directly, a longer run is a chain. Nodes not in {@code body} count as computed before the step.
     */
    static List<List<Node>> schedule(List<Node> body, Graph graph) {
        List<Node> remaining = new ArrayList<>(body.stream().filter(n -> !n.op().isLeaf()).toList());
        Set<Integer> pending = new HashSet<>();
        remaining.forEach(n -> pending.add(n.id()));
        List<List<Node>> runs = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Node next = firstReadyUntileable(remaining, pending, graph);
            if (next != null) {
                runs.add(List.of(next));
                remaining.remove(next);
                pending.remove(next.id());
                continue;
            }
            List<Node> chain = new ArrayList<>();
            for (Node n : List.copyOf(remaining)) {
                if (chain.size() < MAX_CHAIN && tileable(n, graph) && ready(n, pending)) {
                    chain.add(n);
                    remaining.remove(n);
                    pending.remove(n.id());
                }
            }
            runs.add(chain);
        }
        return runs;
    }

    /** The first node of {@code remaining} that is not tileable and whose operands are all computed, or null. */
    private static Node firstReadyUntileable(List<Node> remaining, Set<Integer> pending, Graph graph) {
        for (Node n : remaining) {
            if (!tileable(n, graph) && ready(n, pending)) {
                return n;
            }
        }
        return null;
    }

    private static boolean ready(Node n, Set<Integer> pending) {
        for (int in : n.inputs()) {
            if (pending.contains(in)) {
                return false;
            }
        }
        return true;
    }
}
