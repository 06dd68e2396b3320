package dev.unroll.compiler.fuzz;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.ShapeRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IR half of the fuzz: the public constructors and builders of the IR ({@link Node}, {@link Graph},
 * {@link GraphBuilder}, {@link Cell} and its ports, {@link Shape}, {@link Attrs}, {@link ShapeRules}, {@link Names})
 * called with ids, shapes, labels and ports that are often wrong: forward references and cycles, wrong arities,
 * null lists and elements, hostile labels, ports that name the wrong node. What they make is kept for later calls.
 */
final class IrCalls {

    final GraphBuilder builder = new GraphBuilder();
    final List<Node> nodes = new ArrayList<>();
    final List<Graph> graphs = new ArrayList<>();
    final List<Cell> cells = new ArrayList<>();

    /** The number of call kinds. */
    static final int KINDS = 10;

    /** Starts with an input, a state, a parameter and a product in the builder and the nodes, as operands. */
    IrCalls() {
        builder.leaf(Op.INPUT, Shape.batch(2), Attrs.NONE, "x", null);
        builder.leaf(Op.STATE, Shape.batch(2), Attrs.NONE, "h", null);
        builder.leaf(Op.PARAM, Shape.of(2, 2), Attrs.NONE, "W", null);
        builder.apply(Op.MATMUL, null, 0, 2);
        nodes.addAll(builder.build().nodes());
    }

    /** Makes {@code call}, keeping what it makes. */
    void apply(Call k) {
        switch (Math.floorMod(k.kind(), KINDS)) {
            case 0, 1 -> keep(nodes, Attempt.of("new Node", k, () -> node(k)));
            case 2 -> keep(graphs, Attempt.of("new Graph", k, () -> new Graph(nodeList(k))));
            case 3 -> Attempt.run("GraphBuilder.leaf", k, () -> builder.leaf(k.op(true), k.shape(), attrs(k),
                    k.name(), k.where()));
            case 4 -> Attempt.run("GraphBuilder.apply", k, () -> builder.apply(k.op(false),
                    ids(k, k.op(false), builder.size()), attrs(k), Math.floorMod(k.c(), 3) == 0 ? k.name() : null,
                    k.where()));
            case 5 -> Attempt.run("GraphBuilder.label", k, () -> builder.label(k.pick() % (builder.size() + 2) - 1,
                    k.name()));
            case 6 -> Attempt.run("Node.withLabel", k, () -> {
                if (!nodes.isEmpty()) {
                    int at = Math.floorMod(k.pick(), nodes.size());
                    nodes.set(at, nodes.get(at).withLabel(k.name()));
                }
            });
            case 7 -> keep(cells, Attempt.of("new Cell", k, () -> new CellParts(builder.build(), k).cell()));
            case 8 -> Attempt.run("ShapeRules.infer", k, () -> ShapeRules.infer(k.op(false), shapes(k, k.op(false)),
                    attrs(k)));
            default -> Attempt.run("Names", k, () -> names(k));
        }
    }

    private Node node(Call k) {
        Op op = k.op(Math.floorMod(k.c(), 3) == 0);
        int id = Math.floorMod(k.pick2(), 8) == 0 ? k.a() : nodes.size();
        List<Integer> inputs = op == null || op.isLeaf() ? List.of() : ids(k, op, nodes.size());
        Shape shape = k.shape();
        if (op != null && !op.isLeaf() && inputs != null && Math.floorMod(k.c(), 4) != 0) {
            // Mostly the shape the rule gives, so that graphs of these nodes get made and checked further.
            List<Shape> in = inputs.stream()
                    .map(i -> i != null && i >= 0 && i < nodes.size() ? nodes.get(i).shape() : null).toList();
            shape = in.contains(null) ? shape : ShapeRules.infer(op, in, attrs(k));
        }
        return new Node(id, op, inputs, shape, attrs(k), op != null && op.isLeaf() ? k.name() : null, k.where());
    }

    /**
     * Input ids for {@code op}: mostly as many as it takes, of earlier nodes; sometimes too many or too few, the
     * node itself or a later one (a cycle), a negative id, or a null list or element.
     */
    private static List<Integer> ids(Call k, Op op, int defined) {
        int count = arity(k, op);
        Integer[] ids = new Integer[count];
        for (int i = 0; i < count; i++) {
            int pick = k.pick() + 7 * i;
            ids[i] = Math.floorMod(pick, 12) == 0 ? defined + 1 : Math.floorMod(pick, 13) == 0 ? -1
                    : defined == 0 ? 0 : Math.floorMod(pick, defined);
        }
        return switch (Math.floorMod(k.pick2(), 30)) {
            case 0 -> null;
            case 1 -> Arrays.asList(null, 0);
            default -> Arrays.asList(ids);
        };
    }

    /** Mostly the number of inputs {@code op} takes, one time in eight another. */
    private static int arity(Call k, Op op) {
        boolean right = op != null && Math.floorMod(k.pick2(), 8) != 0;
        return !right ? Math.floorMod(k.c(), 4) : op.arity() == Op.VARIADIC ? 1 + Math.floorMod(k.c(), 3) : op.arity();
    }

    private List<Node> nodeList(Call k) {
        return switch (Math.floorMod(k.pick(), 10)) {
            case 0 -> null;
            case 1 -> Arrays.asList(Call.pick(nodes, k.pick2()), null);
            case 2 -> nodes.subList(Math.floorMod(k.pick2(), nodes.size() + 1), nodes.size());
            default -> nodes;
        };
    }

    private static Attrs attrs(Call k) {
        return switch (Math.floorMod(k.pick2(), 6)) {
            case 0 -> null;
            case 1 -> Attrs.scalar(k.number());
            case 2 -> Attrs.range(k.a(), k.b());
            case 3 -> Attrs.size(k.a() == 1 ? Shape.BATCH : k.a());
            default -> Attrs.NONE;
        };
    }

    private static List<Shape> shapes(Call k, Op op) {
        return switch (Math.floorMod(k.pick(), 8)) {
            case 0 -> null;
            case 1 -> Arrays.asList(k.shape(), null);
            default -> Arrays.asList(k.shape(), k.shape(), k.shape()).subList(0, Math.min(3, arity(k, op)));
        };
    }

    private static void names(Call k) {
        switch (Math.floorMod(k.pick(), 5)) {
            case 0 -> Names.quote(DerivedNames.adjoint(k.name()));
            case 1 -> Names.requireIrName("fuzz name", k.name(), k.where());
            case 2 -> Names.require("fuzz", k.name(), k.where());
            case 3 -> Names.quote(DerivedNames.atStep(k.name(), k.a()));
            default -> Names.printable(k.name() == null ? "" : k.name());
        }
    }

    private static <T> void keep(List<T> into, T made) {
        if (made != null) {
            into.add(made);
        }
    }

    /** A cell over {@code graph} with ports for its leaves, perturbed now and then. */
    private record CellParts(Graph graph, Call k) {
        Cell cell() {
            List<Cell.Port> inputs = new ArrayList<>();
            List<Cell.State> states = new ArrayList<>();
            List<Cell.Param> params = new ArrayList<>();
            for (Node n : graph.nodes()) {
                switch (n.op()) {
                    case INPUT -> inputs.add(new Cell.Port(n.label(), n.id(), n.shape()));
                    case STATE -> states.add(new Cell.State(n.label(), n.id(), next(n), n.shape()));
                    case PARAM -> params.add(new Cell.Param(n.label(), n.id(), n.shape(), Init.zeros()));
                    default -> { }
                }
            }
            int out = graph.size() - 1 - Math.floorMod(k.pick(), 3);
            List<Cell.Port> outputs = out < 0 ? List.of()
                    : List.of(new Cell.Port(k.name2() == null ? "y" : k.name2(), out, graph.shape(out)));
            return switch (Math.floorMod(k.pick2(), 8)) {
                case 0 -> new Cell(k.name(), graph, inputs, states, params, outputs, k.where());
                case 1 -> new Cell("fuzz", graph, null, states, params, outputs, null);
                case 2 -> new Cell("fuzz", graph, inputs, states, params, Arrays.asList(null, null), null);
                case 3 -> new Cell("fuzz", null, inputs, states, params, outputs, null);
                case 4 -> new Cell("fuzz", graph, List.of(new Cell.Port("x", k.pick(), k.shape())), states, params,
                        outputs, null);
                default -> new Cell("fuzz", graph, inputs, states, params, outputs, null);
            };
        }

        /** The latest node of the state's shape, else a random node (a wrong next value). */
        private int next(Node state) {
            for (int id = graph.size() - 1; id >= 0; id--) {
                if (graph.shape(id).equals(state.shape()) && id != state.id()) {
                    return id;
                }
            }
            return Math.floorMod(k.pick2(), graph.size() + 1);
        }
    }
}
