package dev.unroll.dsl.ir;

import dev.unroll.dsl.UnrollException;
import java.util.ArrayList;
import java.util.List;

/** Checks a graph's invariants: ids in order, definition before use, arity, and every shape per its rule. */
public final class Verifier {

    private Verifier() {
    }

    /** Returns {@code graph} if it is well formed, or throws naming the first broken node. */
    public static Graph verify(Graph graph) {
        for (Node n : graph.nodes()) {
            List<Shape> shapes = new ArrayList<>();
            for (int in : n.inputs()) {
                if (in < 0 || in >= n.id()) {
                    throw new UnrollException("verify: %" + n.id() + " (" + n.op().mnemonic() + ") reads %" + in
                            + ", which is not defined before it");
                }
                shapes.add(graph.shape(in));
            }
            if (n.op().isLeaf()) {
                if (!n.inputs().isEmpty()) {
                    throw new UnrollException("verify: leaf %" + n.id() + " has inputs " + n.inputs());
                }
                continue;
            }
            Shape expected = ShapeRules.infer(n.op(), shapes, n.attrs());
            if (!expected.equals(n.shape())) {
                throw new UnrollException("verify: %" + n.id() + " (" + n.op().mnemonic() + ") has shape "
                        + n.shape() + " but its rule gives " + expected);
            }
        }
        return graph;
    }
}
