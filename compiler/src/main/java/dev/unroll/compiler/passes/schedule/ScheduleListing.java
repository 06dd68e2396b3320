package dev.unroll.compiler.passes.schedule;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Shape;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of a {@link Scheduled} program: one heading per non-empty region and one line per item, naming nodes as
 * the source listings do ({@code %7 = tanh %6 : [Bx3]}), so that the optimized listing reads beside them. This is
 * what the generated kernel runs, item by item.
 */
public final class ScheduleListing implements Item.Visitor<String> {

    private final Adjoint adjoint;
    private final Graph graph;

    private ScheduleListing(Adjoint adjoint) {
        this.adjoint = adjoint;
        this.graph = adjoint.cell().graph();
    }

    /** The listing of {@code program}. */
    public static String of(Scheduled program) {
        ScheduleListing line = new ScheduleListing(program.adjoint());
        StringBuilder text = new StringBuilder("program ").append(program.adjoint().forward().name()).append('\n');
        for (Region region : Region.values()) {
            List<Item> items = program.region(region);
            if (!items.isEmpty()) {
                text.append(region.title()).append(":\n");
                items.forEach(item -> text.append("  ").append(item.accept(line)).append('\n'));
            }
        }
        return text.toString();
    }

    @Override
    public String compute(Item.Compute item) {
        return NodeComment.definition(graph, graph.node(item.node()));
    }

    @Override
    public String hoisted(Item.Hoisted item) {
        return NodeComment.definition(graph, graph.node(item.node()))
                + (item.allRows() ? "  for all steps' rows at once" : "  for each step");
    }

    @Override
    public String chain(Item.Chain item) {
        String nodes = item.nodes().stream().map(id -> ids(List.of(id)) + " " + graph.node(id).op().mnemonic())
                .collect(Collectors.joining(", "));
        return "chain " + nodes + (item.nodes().size() > 1 ? ", on tiles of " + item.tileRows() + " rows" : "");
    }

    @Override
    public String packWeights(Item.PackWeights item) {
        String params = item.products().stream().map(id -> graph.node(graph.node(id).input(1)).label())
                .collect(Collectors.joining(" | "));
        return "packed" + item.group() + " = [" + params + "]";
    }

    @Override
    public String mergedProduct(Item.MergedProduct item) {
        Node first = graph.node(item.products().get(0));
        return ids(item.products()) + " = matmul %" + first.input(0) + " packed" + item.group()
                + ", then each block of columns";
    }

    @Override
    public String transpose(Item.Transpose item) {
        Node p = graph.node(item.param());
        return "T(" + p.label() + ") = transpose %" + p.id() + " : " + NodeComment.shape(
                Shape.of(p.shape().cols(), p.shape().rows()));
    }

    @Override
    public String transposedProduct(Item.TransposedProduct item) {
        Node n = graph.node(item.node());
        return "%" + n.id() + " = matmul %" + n.input(0) + " T(" + graph.node(item.param()).label() + ") : "
                + NodeComment.shape(n.shape());
    }

    @Override
    public String sumOverSteps(Item.SumOverSteps item) {
        return gradient(item.param()) + " += sum over steps of "
                + NodeComment.definition(graph, graph.node(item.node()));
    }

    @Override
    public String nextState(Item.NextState item) {
        var s = adjoint.forward().states().get(item.state());
        return "next " + s.name() + " = " + NodeComment.operand(graph.node(s.next()));
    }

    @Override
    public String accumulateGradient(Item.AccumulateGradient item) {
        return gradient(item.param()) + " += " + NodeComment.operand(graph.node(item.node()));
    }

    @Override
    public String inputGradient(Item.InputGradient item) {
        return "gradient of input " + adjoint.forward().inputs().get(item.input()).name() + " = "
                + NodeComment.operand(graph.node(item.node()));
    }

    @Override
    public String carryStateAdjoint(Item.CarryStateAdjoint item) {
        var s = adjoint.cell().states().get(item.state());
        Node next = graph.node(s.next());
        return "adjoint " + s.name() + " into step t-1 = " + (item.clears(adjoint) ? "" : "carry * ")
                + NodeComment.operand(next);
    }

    private String gradient(int param) {
        return "gradient of " + adjoint.forward().params().get(param).name();
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(id -> "%" + id).collect(Collectors.joining(", "));
    }
}
