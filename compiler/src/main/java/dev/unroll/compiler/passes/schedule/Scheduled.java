package dev.unroll.compiler.passes.schedule;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel's program: the forward cell and its adjoint, every computation placed as an {@link Item} in a
 * {@link Region} around the two time loops. {@link #of} places each node in its step as the cell is written; the
 * passes rewrite one program into another, and the emitter writes exactly what the program lists
 * ({@link ScheduleListing}). A program checks itself when made ({@link ScheduleCheck}).
 *
 * @param adjoint the forward cell and its adjoint, whose graph's ids the items name
 * @param regions the items of each region, in order
 */
public record Scheduled(Adjoint adjoint, Map<Region, List<Item>> regions) {

    public Scheduled {
        EnumMap<Region, List<Item>> copy = new EnumMap<>(Region.class);
        for (Region r : Region.values()) {
            copy.put(r, List.copyOf(regions.getOrDefault(r, List.of())));
        }
        regions = Collections.unmodifiableMap(copy);
        ScheduleCheck.check(adjoint, regions);
    }

    /** The program that runs every node in its own step, in graph order: what no pass has touched. */
    public static Scheduled of(Adjoint adjoint) {
        Graph graph = adjoint.cell().graph();
        Cell fwd = adjoint.forward();
        List<Item> forward = new ArrayList<>();
        for (Node n : fwd.graph().nodes()) {
            if (!n.op().isLeaf()) {
                forward.add(new Item.Compute(n.id()));
            }
        }
        for (int s = 0; s < fwd.states().size(); s++) {
            forward.add(new Item.NextState(s));
        }
        List<Item> backward = new ArrayList<>();
        for (Node n : graph.nodes().subList(adjoint.forwardSize(), graph.size())) {
            if (!n.op().isLeaf()) {
                backward.add(new Item.Compute(n.id()));
            }
        }
        for (int p = 0; p < fwd.params().size(); p++) {
            int param = p;
            adjoint.parameterGradient(p).ifPresent(g -> backward.add(new Item.AccumulateGradient(param, g.node())));
        }
        for (int i = 0; i < fwd.inputs().size(); i++) {
            int input = i;
            adjoint.inputGradient(i).ifPresent(g -> backward.add(new Item.InputGradient(input, g.node())));
        }
        for (int s = 0; s < adjoint.cell().states().size(); s++) {
            backward.add(new Item.CarryStateAdjoint(s));
        }
        return new Scheduled(adjoint, Map.of(Region.FORWARD_STEP, forward, Region.BACKWARD_STEP, backward));
    }

    /** The graph the items name: the adjoint's, which begins with the forward graph. */
    public Graph graph() {
        return adjoint.cell().graph();
    }

    /** The items of region {@code region}, in order. */
    public List<Item> region(Region region) {
        return regions.get(region);
    }

    /**
     * This program with regions {@code first} and {@code second} holding {@code firstItems} and
     * {@code secondItems} instead: a pass that moves items moves them between two regions at once.
     */
    public Scheduled with(Region first, List<Item> firstItems, Region second, List<Item> secondItems) {
        EnumMap<Region, List<Item>> changed = new EnumMap<>(regions);
        changed.put(first, firstItems);
        changed.put(second, secondItems);
        return new Scheduled(adjoint, changed);
    }

    /** Every item of every region, in region order. */
    public List<Item> items() {
        List<Item> all = new ArrayList<>();
        regions.values().forEach(all::addAll);
        return all;
    }

    @Override
    public String toString() {
        return ScheduleListing.of(this);
    }
}
