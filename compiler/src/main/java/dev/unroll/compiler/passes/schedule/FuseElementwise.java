package dev.unroll.compiler.passes.schedule;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The elementwise-fusion pass: reorders each step so that the nodes that can run on a tile of rows
 * ({@link #tileable}) run in chains, each chain one loop over tiles. A step is ordered greedily: every other item
 * (products, reductions over rows, layout ops) runs as soon as its operands are ready, and when none is, every
 * tileable node that can run, in graph order, joins one chain of at most {@link #MAX_CHAIN} nodes. An LSTM step thus
 * runs its gate products, then one chain from the gate sums to the next hidden state. The order is a topological
 * order of the same nodes, each writing its own buffer, so it computes exactly what graph order does. The items
 * that end a step (next states, gradients) stay at its end.
 */
public final class FuseElementwise {

    /** The most nodes one chain holds, so that no chain method grows with the cell. */
    public static final int MAX_CHAIN = 32;

    /** About how many elements of the widest value a tile holds: a few kilobytes per value, in the first-level cache. */
    public static final int TILE_ELEMENTS = 1024;

    private FuseElementwise() {
    }

    /** {@code program} with both step regions in fused order. */
    public static Scheduled apply(Scheduled program) {
        Adjoint adjoint = program.adjoint();
        return program.with(Region.FORWARD_STEP, fuse(program.region(Region.FORWARD_STEP), adjoint),
                Region.BACKWARD_STEP, fuse(program.region(Region.BACKWARD_STEP), adjoint));
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
            case ADD, SUB, MUL, DIV, SELECT, ADD_BIAS, NEG, SCALE, TANH, SIGMOID, RELU, STEP, EXP, LOG, SQRT, DETACH,
                    SUM_COLS, MEAN_COLS, BROADCAST_COLS, SOFTMAX -> true;
            case INPUT, STATE, PARAM, CONST, MATMUL, MATMUL_NT, MATMUL_TN, CONCAT, SLICE, PAD, SUM_ROWS, MEAN_ROWS,
                    BROADCAST_ROWS, SPREAD_ROWS, ONE_HOT, SOFTMAX_CE, DROPOUT, ZONEOUT -> false;
        };
    }

    /**
     * The items of a step in fused order. Each computing item waits on a count of its operands still to be
     * computed in this step, and the ready items wait in order of their first node, so the order costs
     * O(n log n) whatever the cell's size.
     */
    private static List<Item> fuse(List<Item> step, Adjoint adjoint) {
        Graph graph = adjoint.cell().graph();
        Order order = new Order(step, adjoint);
        List<Item> fused = new ArrayList<>();
        while (!order.other.isEmpty() || !order.tileable.isEmpty()) {
            if (!order.other.isEmpty()) {
                fused.add(order.release(order.other.pollFirstEntry().getValue()));
                continue;
            }
            List<Integer> chain = new ArrayList<>();
            while (chain.size() < MAX_CHAIN && !order.tileable.isEmpty()) {
                chain.add(((Item.Compute) order.release(order.tileable.pollFirstEntry().getValue())).node());
            }
            fused.add(chain(chain, graph));
        }
        fused.addAll(order.ending);
        return fused;
    }

    private static Item chain(List<Integer> nodes, Graph graph) {
        int widest = 1;
        for (int id : nodes) {
            Node n = graph.node(id);
            widest = Math.max(widest, n.shape().cols());
            for (int in : n.inputs()) {
                widest = Math.max(widest, graph.node(in).shape().cols());
            }
        }
        return new Item.Chain(nodes, Math.max(1, TILE_ELEMENTS / widest));
    }

    /** The state of the greedy order: what each item waits on, and the items ready to run. */
    private static final class Order {
        private final Graph graph;
        private final List<Item> ending = new ArrayList<>();
        private final Map<Item, Integer> waiting = new HashMap<>();
        private final Map<Item, List<Item>> readers = new HashMap<>();
        private final TreeMap<Integer, Item> other = new TreeMap<>();
        private final TreeMap<Integer, Item> tileable = new TreeMap<>();

        Order(List<Item> step, Adjoint adjoint) {
            this.graph = adjoint.cell().graph();
            Map<Integer, Item> producer = new HashMap<>();
            List<Item> computing = new ArrayList<>();
            for (Item item : step) {
                (item.computes().isEmpty() ? ending : computing).add(item);
                item.computes().forEach(id -> producer.put(id, item));
            }
            for (Item item : computing) {
                waiting.put(item, 0);
                for (int in : item.reads(adjoint)) {
                    Item from = producer.get(in);
                    if (from != null && from != item) {
                        waiting.merge(item, 1, Integer::sum);
                        readers.computeIfAbsent(from, k -> new ArrayList<>()).add(item);
                    }
                }
            }
            computing.stream().filter(item -> waiting.get(item) == 0).forEach(this::ready);
        }

        private void ready(Item item) {
            int first = item.computes().get(0);
            boolean tiles = item instanceof Item.Compute && tileable(graph.node(first), graph);
            (tiles ? tileable : other).put(first, item);
        }

        /** Marks {@code item} computed: each reader whose last operand it was becomes ready. */
        Item release(Item item) {
            for (Item reader : readers.getOrDefault(item, List.of())) {
                if (waiting.merge(reader, -1, Integer::sum) == 0) {
                    ready(reader);
                }
            }
            return item;
        }
    }
}
