package dev.unroll.dsl.ir;

import dev.unroll.dsl.UnrollException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends nodes to a graph under construction, inferring each node's shape from its inputs.
 *
 * <p>Used by the DSL and by every compiler pass that makes a new graph; {@link #build()} freezes it.
 */
public final class GraphBuilder {

    private final List<Node> nodes = new ArrayList<>();

    /** Appends a leaf with a declared shape; returns its id. */
    public int leaf(Op op, Shape shape, Attrs attrs, String label, SourceLocation where) {
        if (!op.isLeaf()) {
            throw new IllegalArgumentException(op + " is not a leaf");
        }
        return add(op, List.of(), shape, attrs, label, where);
    }

    /**
     * Appends a non-leaf node; its shape comes from {@link ShapeRules}. A shape error is rethrown with the
     * source location appended.
     */
    public int apply(Op op, List<Integer> inputs, Attrs attrs, String label, SourceLocation where) {
        List<Shape> shapes = new ArrayList<>(inputs.size());
        for (int id : inputs) {
            if (id < 0 || id >= nodes.size()) {
                throw new IllegalArgumentException(op + " reads %" + id + ", which is not defined yet");
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
        return apply(op, List.of(inputs), Attrs.NONE, null, where);
    }

    /** Sets or replaces the label of an existing node. */
    public void label(int id, String label) {
        nodes.set(id, nodes.get(id).withLabel(label));
    }

    /** The node with the given id. */
    public Node node(int id) {
        return nodes.get(id);
    }

    /** The shape of the node with the given id. */
    public Shape shape(int id) {
        return nodes.get(id).shape();
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
