package dev.unroll.compiler.interp;

import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a single op through the interpreter: a graph of one leaf per operand and the op applied to them. */
final class OneOp {

    /** An operand: its value and whether its leaf is batched ({@code [B×n]}) or a fixed matrix. */
    record Operand(Mat value, boolean batched) {
    }

    private OneOp() {
    }

    static Operand batched(Mat m) {
        return new Operand(m, true);
    }

    static Operand fixed(Mat m) {
        return new Operand(m, false);
    }

    /**
     * The value of {@code op} applied to the operands, with the batch size fixed at {@code batch} by an extra
     * unused batched leaf (so ops that produce batched values from fixed ones know B).
     */
    static Mat eval(int batch, Op op, Attrs attrs, Operand... operands) {
        GraphBuilder g = new GraphBuilder();
        Map<String, Mat> bindings = new LinkedHashMap<>();
        g.leaf(Op.INPUT, Shape.batch(1), Attrs.NONE, "batch", SourceLocation.UNKNOWN);
        bindings.put("batch", Mat.zeros(batch, 1));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < operands.length; i++) {
            Mat m = operands[i].value();
            String name = "a" + i;
            Shape shape = operands[i].batched() ? Shape.batch(m.cols()) : Shape.of(m.rows(), m.cols());
            ids.add(g.leaf(operands[i].batched() ? Op.INPUT : Op.PARAM, shape, Attrs.NONE, name,
                    SourceLocation.UNKNOWN));
            bindings.put(name, m);
        }
        int out = g.apply(op, ids, attrs, null, SourceLocation.UNKNOWN);
        return Interpreter.evaluate(g.build(), bindings)[out];
    }
}
