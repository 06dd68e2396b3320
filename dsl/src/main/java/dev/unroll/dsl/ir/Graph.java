package dev.unroll.dsl.ir;

import java.util.List;
import java.util.Optional;

/**
 * An immutable graph in SSA form: a flat list of nodes in definition order, where node {@code i} has id
 * {@code i} and reads only nodes defined before it.
 */
public record Graph(List<Node> nodes) {

    public Graph {
        nodes = List.copyOf(nodes);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i) {
                throw new IllegalArgumentException("node at position " + i + " has id " + nodes.get(i).id());
            }
        }
    }

    /** The node with the given id. */
    public Node node(int id) {
        return nodes.get(id);
    }

    /** The number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** The shape of the node with the given id. */
    public Shape shape(int id) {
        return nodes.get(id).shape();
    }

    /** The leaf of the given op and name, if there is one. */
    public Optional<Node> leaf(Op op, String name) {
        for (Node n : nodes) {
            if (n.op() == op && name.equals(n.label())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
