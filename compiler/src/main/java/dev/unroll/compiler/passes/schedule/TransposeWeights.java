package dev.unroll.compiler.passes.schedule;

import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The transposition pass: a backward {@code matmul_nt d W} with a parameter {@code W} (the input and state gradients
 * {@code d·Wᵀ}) becomes a product on rows by a copy of {@code Wᵀ} made once before the backward loop, instead of a
 * product that transposes {@code W} again at every step.
 */
public final class TransposeWeights {

    private TransposeWeights() {
    }

    /** {@code program} with its backward products by transposed parameters reading a transposed copy. */
    public static Scheduled apply(Scheduled program) {
        Graph graph = program.graph();
        TreeSet<Integer> params = new TreeSet<>();
        List<Item> step = new ArrayList<>();
        for (Item item : program.region(Region.BACKWARD_STEP)) {
            Node n = item instanceof Item.Compute c ? graph.node(c.node()) : null;
            if (n != null && n.op() == Op.MATMUL_NT && graph.node(n.input(1)).op() == Op.PARAM) {
                params.add(n.input(1));
                step.add(new Item.TransposedProduct(n.id(), n.input(1)));
            } else {
                step.add(item);
            }
        }
        List<Item> before = new ArrayList<>(program.region(Region.BEFORE_BACKWARD));
        params.forEach(p -> before.add(new Item.Transpose(p)));
        return program.with(Region.BEFORE_BACKWARD, before, Region.BACKWARD_STEP, step);
    }
}
