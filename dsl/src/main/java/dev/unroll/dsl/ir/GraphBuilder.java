package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Appends nodes to a graph under construction, inferring each node's shape from its inputs.
 *
 * <p>Used by the DSL and by every compiler pass that makes a new graph; {@link #build()} freezes it.
 */
public final class GraphBuilder {

    private final List<Node> nodes = new ArrayList<>();

    /** Appends a leaf with a declared shape; returns its id. */
    public int leaf(Op op, Shape shape, Attrs attrs, String label, SourceLocation where) {
        if (op == null || !op.isLeaf()) {
            throw new UnrollException("GraphBuilder.leaf: " + (op == null ? null : op.mnemonic()) + " is not a leaf op"
                    + " (input, state, param or const); append other ops with apply (at " + where + ")");
        }
        return add(op, List.of(), shape, attrs, label, where);
    }

    /**
     * Appends a non-leaf node; its shape comes from {@link ShapeRules}. A shape error is rethrown with the
     * source location appended.
     */
    public int apply(Op op, List<Integer> inputs, Attrs attrs, String label, SourceLocation where) {
        if (op == null || op.isLeaf() || inputs == null) {
            throw new UnrollException("GraphBuilder.apply needs a non-leaf op and a list of input ids, got "
                    + (op == null ? null : op.mnemonic()) + " and " + inputs + " (at " + where + ")");
        }
        List<Shape> shapes = new ArrayList<>(inputs.size());
        for (Integer id : inputs) {
            if (id == null || id < 0 || id >= nodes.size()) {
                throw new UnrollException(op.mnemonic() + " reads %" + id + ", which is not defined yet; the graph has"
                        + " nodes %0 to %" + (nodes.size() - 1) + " (at " + where + ")");
            }
            shapes.add(nodes.get(id).shape());
        }
        Shape shape;
        try {
            shape = ShapeRules.infer(op, shapes, attrs);
        } catch (UnrollException e) {
            throw new UnrollException(e.getMessage() + " (operands " + describe(inputs) + "; at " + where + ")");
        }
        return add(op, inputs, shape, attrs, label, where);
    }

    /** Appends a non-leaf node without attributes or label. */
    public int apply(Op op, SourceLocation where, Integer... inputs) {
        return apply(op, inputs == null ? null : Arrays.asList(inputs), Attrs.NONE, null, where);
    }

    /** Decides which node of the graph under construction stands for a leaf of a graph being copied into it. */
    @FunctionalInterface
    public interface LeafPlacement {
        /** The id, in the builder, of the node standing for {@code leaf} (appended by the placement or existing). */
        int place(Node leaf);
    }

    /**
     * Appends a copy of {@code source}: each leaf is placed by {@code leaves}, every other node is appended with its
     * op, attributes, label and source location and its inputs remapped. Returns the map from {@code source}'s ids
     * to the ids here.
     */
    public int[] copy(Graph source, LeafPlacement leaves) {
        return copy(source, leaves, Node::attrs);
    }

    /**
     * As {@link #copy(Graph, LeafPlacement)}, with each non-leaf node's attributes given by {@code attrs} (as when an
     * unrolled copy of a step fixes the step of its random masks).
     */
    public int[] copy(Graph source, LeafPlacement leaves, Function<Node, Attrs> attrs) {
        if (source == null || leaves == null || attrs == null) {
            throw new UnrollException("GraphBuilder.copy needs a graph and a leaf placement, got " + source + " and "
                    + leaves);
        }
        int[] map = new int[source.size()];
        for (Node n : source.nodes()) {
            if (n.op().isLeaf()) {
                map[n.id()] = leaves.place(n);
            } else {
                List<Integer> ins = new ArrayList<>(n.inputs().size());
                for (int in : n.inputs()) {
                    ins.add(map[in]);
                }
                map[n.id()] = apply(n.op(), ins, attrs.apply(n), n.label(), n.source());
            }
        }
        return map;
    }

    /** Sets or replaces the label of an existing node. */
    public void label(int id, String label) {
        nodes.set(id, node(id).withLabel(label));
    }

    /** The node with the given id. */
    public Node node(int id) {
        if (id < 0 || id >= nodes.size()) {
            throw new UnrollException("the graph under construction has nodes %0 to %" + (nodes.size() - 1)
                    + ", so %" + id + " does not exist");
        }
        return nodes.get(id);
    }

    /** The shape of the node with the given id. */
    public Shape shape(int id) {
        return node(id).shape();
    }

    /** The number of nodes so far. */
    public int size() {
        return nodes.size();
    }

    /** The graph built so far. */
    public Graph build() {
        return new Graph(nodes);
    }

    private String describe(List<Integer> inputs) {
        StringBuilder sb = new StringBuilder();
        for (int id : inputs) {
            Node n = nodes.get(id);
            sb.append(sb.length() == 0 ? "" : ", ").append('%').append(id);
            if (n.hasLabel()) {
                sb.append(' ').append(n.label());
            }
            sb.append(' ').append(n.shape());
        }
        return sb.toString();
    }

    private int add(Op op, List<Integer> inputs, Shape shape, Attrs attrs, String label, SourceLocation where) {
        int id = nodes.size();
        nodes.add(new Node(id, op, inputs, shape, attrs, label, where));
        return id;
    }
}
