package dev.unroll.compiler.passes.schedule;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The rules every {@link Scheduled} program keeps, whatever the passes did: each computed node of the adjoint graph
 * is computed by exactly one item, after every computed value it reads (regions run in their order, items in list
 * order), and nothing before the forward loop reads a state. So a program is a reordering of the graph's nodes that
 * the time loops can run: it computes what the graph computes.
 */
final class ScheduleCheck {

    private ScheduleCheck() {
    }

    static void check(Adjoint adjoint, Map<Region, List<Item>> regions) {
        Graph graph = adjoint.cell().graph();
        int[] at = new int[graph.size()];
        Arrays.fill(at, -1);
        int position = 0;
        for (Region region : Region.values()) {
            for (Item item : regions.get(region)) {
                for (int id : item.reads(adjoint)) {
                    requireReadable(adjoint, region, item, id, at, chainBefore(item, id, graph));
                }
                for (int id : defines(item)) {
                    if (at[id] >= 0 || graph.node(id).op().isLeaf()) {
                        throw new UnrollException("schedule: " + item + " in region '" + region.title()
                                + "' computes %" + id + ", which is " + (at[id] >= 0 ? "computed already"
                                : "a leaf") + "; a pass must place each computed node exactly once");
                    }
                    at[id] = position;
                }
                position++;
            }
        }
        for (Node n : graph.nodes()) {
            if (!n.op().isLeaf() && at[n.id()] < 0) {
                throw new UnrollException("schedule: node " + NodeComment.definition(n) + " is computed by no item;"
                        + " a pass must place each computed node exactly once");
            }
        }
    }

    private static void requireReadable(Adjoint adjoint, Region region, Item item, int id, int[] at,
                                        boolean inChain) {
        Node n = adjoint.cell().graph().node(id);
        boolean state = id < adjoint.forwardSize() && adjoint.forward().graph().node(id).op() == Op.STATE;
        if (n.op().isLeaf() ? region == Region.BEFORE_FORWARD && state : at[id] < 0 && !inChain) {
            throw new UnrollException("schedule: " + item + " in region '" + region.title() + "' reads %" + id
                    + " before it is computed" + (state ? " (a state)" : "") + "; a pass must keep every value"
                    + " computed before its readers");
        }
    }

    /** Whether {@code id} is computed by a chain before the first of the chain's nodes that reads it. */
    private static boolean chainBefore(Item item, int id, Graph graph) {
        if (!(item instanceof Item.Chain chain) || !chain.nodes().contains(id)) {
            return false;
        }
        int from = chain.nodes().indexOf(id);
        for (int reader : chain.nodes().subList(0, from + 1)) {
            if (graph.node(reader).inputs().contains(id)) {
                return false;
            }
        }
        return true;
    }

    /** The nodes an item computes, counting a gradient summed over the steps as computed. */
    static List<Integer> defines(Item item) {
        return item instanceof Item.SumOverSteps sum ? List.of(sum.node()) : item.computes();
    }
}
