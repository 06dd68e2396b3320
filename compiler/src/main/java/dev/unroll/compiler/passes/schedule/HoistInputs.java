package dev.unroll.compiler.passes.schedule;

import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The hoisting pass: a forward node that depends on an input and otherwise only on parameters and constants (never
 * on a state), such as an input projection {@code x·W_x*}, moves out of the forward step to before the forward
 * loop, computed for every step: in one call over all steps' rows where its op works row by row ({@link RowWise}),
 * step by step otherwise.
 */
public final class HoistInputs {

    private HoistInputs() {
    }

    /** {@code program} with its hoistable forward-step nodes computed before the forward loop. */
    public static Scheduled apply(Scheduled program) {
        Graph fwd = program.adjoint().forward().graph();
        boolean[] hoisted = new boolean[fwd.size()];
        List<Item> before = new ArrayList<>(program.region(Region.BEFORE_FORWARD));
        List<Item> step = new ArrayList<>();
        for (Item item : program.region(Region.FORWARD_STEP)) {
            if (item instanceof Item.Compute c && hoistable(fwd.node(c.node()), fwd, hoisted)) {
                hoisted[c.node()] = true;
                Node n = fwd.node(c.node());
                before.add(new Item.Hoisted(n.id(), RowWise.tall(n, fwd, hoisted)));
            } else {
                step.add(item);
            }
        }
        return program.with(Region.BEFORE_FORWARD, before, Region.FORWARD_STEP, step);
    }

    private static boolean hoistable(Node n, Graph fwd, boolean[] hoisted) {
        boolean fromInput = false;
        for (int in : n.inputs()) {
            Op op = fwd.node(in).op();
            if (!hoisted[in] && op != Op.INPUT && op != Op.PARAM && op != Op.CONST) {
                return false;
            }
            fromInput |= hoisted[in] || op == Op.INPUT;
        }
        return fromInput;
    }
}
