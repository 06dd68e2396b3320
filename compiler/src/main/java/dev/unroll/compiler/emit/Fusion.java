package dev.unroll.compiler.emit;

import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * is called directly, a longer run is a chain. Nodes not in {@code body} count as computed before the step. Each
     * node waits on a count of its operands still to be computed, and the ready nodes wait in id order, so the order
     * costs O(n log n) whatever the cell's size.
     */
    static List<List<Node>> schedule(List<Node> body, Graph graph) {
        Map<Integer, Integer> waiting = new HashMap<>();
        Map<Integer, List<Node>> readers = new HashMap<>();
        for (Node n : body) {
            if (!n.op().isLeaf()) {
                waiting.put(n.id(), 0);
            }
        }
        for (Node n : body) {
            for (int in : waiting.containsKey(n.id()) ? n.inputs() : List.<Integer>of()) {
                if (waiting.containsKey(in)) {
                    waiting.merge(n.id(), 1, Integer::sum);
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        TreeMap<Integer, Node> readyOther = new TreeMap<>();
        TreeMap<Integer, Node> readyTileable = new TreeMap<>();
        for (Node n : body) {
            if (waiting.getOrDefault(n.id(), -1) == 0) {
                (tileable(n, graph) ? readyTileable : readyOther).put(n.id(), n);
            }
        }
        List<List<Node>> runs = new ArrayList<>();
        while (!readyOther.isEmpty() || !readyTileable.isEmpty()) {
            if (!readyOther.isEmpty()) {
                Node next = readyOther.pollFirstEntry().getValue();
                runs.add(List.of(next));
                computed(next, waiting, readers, readyOther, readyTileable, graph);
                continue;
            }
            List<Node> chain = new ArrayList<>();
            while (chain.size() < MAX_CHAIN && !readyTileable.isEmpty()) {
                Node next = readyTileable.pollFirstEntry().getValue();
                chain.add(next);
                computed(next, waiting, readers, readyOther, readyTileable, graph);
            }
            runs.add(chain);
        }
        return runs;
    }

    /** Marks {@code n} computed: each reader whose last operand it was becomes ready. */
    private static void computed(Node n, Map<Integer, Integer> waiting, Map<Integer, List<Node>> readers,
                                 TreeMap<Integer, Node> readyOther, TreeMap<Integer, Node> readyTileable,
                                 Graph graph) {
        for (Node reader : readers.getOrDefault(n.id(), List.of())) {
            if (waiting.merge(reader.id(), -1, Integer::sum) == 0) {
                (tileable(reader, graph) ? readyTileable : readyOther).put(reader.id(), reader);
            }
        }
    }
}
