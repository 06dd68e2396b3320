package dev.unroll.compiler.interp;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.ShapeRules;
import java.util.ArrayList;
import java.util.List;

/** The check {@link OpSemantics#apply} makes of its arguments before it computes anything. */
final class OperandChecks {

    private OperandChecks() {
    }

    /**
     * Checks that {@code in} are values {@code n} can read: one per input, shaped as its rule needs, and giving
     * {@code n}'s declared shape for a batch of {@code batch} rows.
     */
    static void check(Node n, Mat[] in, int batch) {
        Require.notNull(n, "OpSemantics.apply", "n");
        Require.notNull(in, "OpSemantics.apply", "in");
        if (n.op().isLeaf() || in.length != n.inputs().size() || batch < 1) {
            throw new UnrollException("OpSemantics.apply: " + describe(n) + " needs a non-leaf node, one value per"
                    + " input (" + n.inputs().size() + ") and a batch of at least 1, got " + in.length + " values and"
                    + " batch " + batch + "; leaves are bound by name through Interpreter.evaluate");
        }
        List<Shape> shapes = new ArrayList<>(in.length);
        for (Mat m : in) {
            if (m == null) {
                throw new UnrollException("OpSemantics.apply: a value given to " + describe(n) + " is null");
            }
            shapes.add(Shape.of(m.rows(), m.cols()));
        }
        Shape rule;
        try {
            rule = ShapeRules.infer(n.op(), shapes, n.attrs());
        } catch (UnrollException e) {
            throw new UnrollException("OpSemantics.apply: the values given to " + describe(n) + " do not fit its rule: "
                    + e.getMessage(), e);
        }
        int rows = rule.rowsFor(batch);
        if ((long) rows * rule.cols() > Shape.MAX_ELEMENTS) {
            Mat.elements("OpSemantics.apply: the value of " + describe(n), rows, rule.cols());
        }
        if (rows != n.shape().rowsFor(batch) || rule.cols() != n.shape().cols()) {
            throw new UnrollException("OpSemantics.apply: " + describe(n) + " is declared " + n.shape() + " but the"
                    + " values given make it " + rows + "×" + rule.cols() + " with B = " + batch);
        }
    }

    private static String describe(Node n) {
        return "%" + n.id() + " (" + n.op().mnemonic() + ")";
    }
}
