package dev.unroll.dsl.ir;

import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a graph's invariants when it is made: ids in order, definition before use (so no cycles), and every
 * shape per its rule. Arity and labels are checked by each {@link Node} itself.
 */
final class Verifier {

    private Verifier() {
    }

    /** Returns normally if {@code nodes} form a well-formed graph, or throws naming the first broken node. */
    static void check(List<Node> nodes) {
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.id() != i) {
                throw new UnrollException("graph: the node at position " + i + " has id %" + n.id() + "; node ids"
                        + " must be 0, 1, 2, ... in order (at " + n.source() + ")");
            }
            shapes.clear();
            for (int in : n.inputs()) {
                if (in < 0 || in >= i) {
                    throw new UnrollException("graph: %" + i + " (" + n.op().mnemonic() + ") reads %" + in + ", which"
                            + " is not defined before it; a node reads only earlier nodes, so a graph has no cycles"
                            + " (at " + n.source() + ")");
                }
                shapes.add(nodes.get(in).shape());
            }
            if (n.op().isLeaf()) {
                continue;
            }
            Shape expected = infer(n, shapes);
            if (!expected.equals(n.shape())) {
                throw new UnrollException("graph: %" + i + " (" + n.op().mnemonic() + ") has shape " + n.shape()
                        + " but its rule gives " + expected + " (at " + n.source() + ")");
            }
        }
    }

    private static Shape infer(Node n, List<Shape> shapes) {
        try {
            return ShapeRules.infer(n.op(), shapes, n.attrs());
        } catch (UnrollException e) {
            throw new UnrollException("graph: %" + n.id() + " " + e.getMessage() + " (at " + n.source() + ")", e);
        }
    }
}
