package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable graph in SSA form: a flat list of nodes in definition order, where node {@code i} has id
 * {@code i} and reads only nodes defined before it. The constructor verifies every invariant (see
 * {@link Verifier}), so a graph that exists is well formed, however it was made.
 */
public record Graph(List<Node> nodes) {

    public Graph {
        nodes = List.copyOf(Require.noNulls(nodes, "new Graph", "nodes"));
        Verifier.check(nodes);
    }

    /** The node with the given id. */
    public Node node(int id) {
        if (id < 0 || id >= nodes.size()) {
            throw new UnrollException("the graph has nodes %0 to %" + (nodes.size() - 1) + ", so %" + id
                    + " does not exist");
        }
        return nodes.get(id);
    }

    /** The number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** The shape of the node with the given id. */
    public Shape shape(int id) {
        return node(id).shape();
    }

    /** The leaf of the given op and name, if there is one. */
    public Optional<Node> leaf(Op op, String name) {
        for (Node n : nodes) {
            if (n.op() == op && Objects.equals(name, n.label())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
