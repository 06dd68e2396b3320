package dev.unroll.compiler.passes.schedule;

import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merging pass: the products in the forward step that multiply the same batched value by parameters (an
 * LSTM's {@code h·W_hi}, {@code h·W_hf}, {@code h·W_ho}, {@code h·W_hc}) become one product by the parameters packed
 * side by side, {@code h·[W_hi | W_hf | W_ho | W_hc]}, packed once before the forward loop; the product's blocks of
 * columns are then copied into the nodes' buffers. Only groups whose parameters hold at most {@link #LIMIT} values.
 */
public final class MergeProducts {

    /**
     * The most parameter values a merged group packs. Packing copies them once per forward pass, and one product
     * instead of several saves only calls: measured on the LSTM, merging pays at H = 32 (4,096 values, 6 % at B = 1)
     * and costs 4 % at H = 256 (262,144 values, B = 1), where the copy of a megabyte outweighs three calls per step.
     */
    public static final int LIMIT = 65_536;

    private MergeProducts() {
    }

    /** {@code program} with each group of forward-step products of one value by small parameters run as one. */
    public static Scheduled apply(Scheduled program) {
        List<List<Integer>> groups = groups(program);
        List<Item> before = new ArrayList<>(program.region(Region.BEFORE_FORWARD));
        List<Item> step = new ArrayList<>();
        for (Item item : program.region(Region.FORWARD_STEP)) {
            int g = item instanceof Item.Compute c ? groupOf(groups, c.node()) : -1;
            if (g < 0) {
                step.add(item);
            } else if (groups.get(g).get(0) == ((Item.Compute) item).node()) {
                step.add(new Item.MergedProduct(g, groups.get(g)));
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            before.add(new Item.PackWeights(g, groups.get(g)));
        }
        return program.with(Region.BEFORE_FORWARD, before, Region.FORWARD_STEP, step);
    }

    /** The groups of two or more forward-step products of one batched value by parameters, small enough to pack. */
    private static List<List<Integer>> groups(Scheduled program) {
        Graph graph = program.graph();
        Map<Integer, List<Integer>> byOperand = new LinkedHashMap<>();
        for (Item item : program.region(Region.FORWARD_STEP)) {
            Node n = item instanceof Item.Compute c ? graph.node(c.node()) : null;
            if (n != null && n.op() == Op.MATMUL && graph.node(n.input(1)).op() == Op.PARAM
                    && graph.node(n.input(0)).shape().batched() && graph.node(n.input(0)).op() != Op.CONST) {
                byOperand.computeIfAbsent(n.input(0), k -> new ArrayList<>()).add(n.id());
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> group : byOperand.values()) {
            long packed = 0;
            for (int id : group) {
                Node w = graph.node(graph.node(id).input(1));
                packed += (long) w.shape().rows() * w.shape().cols();
            }
            if (group.size() > 1 && packed <= LIMIT) {
                groups.add(List.copyOf(group));
            }
        }
        return groups;
    }

    private static int groupOf(List<List<Integer>> groups, int node) {
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).contains(node)) {
                return g;
            }
        }
        return -1;
    }
}
