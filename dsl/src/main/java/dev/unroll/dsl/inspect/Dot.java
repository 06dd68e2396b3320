package dev.unroll.dsl.inspect;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;

/**
 * Exports a cell as a Graphviz DOT digraph: leaves as boxes (inputs, states, parameters), operations as ellipses,
 * edges in data-flow direction, dashed edges from each next value back to its state.
 */
public final class Dot {

    private Dot() {
    }

    /** The DOT text of {@code cell}. */
    public static String of(Cell cell) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(cell.name()).append(" {\n");
        out.append("  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        appendGraph(out, cell.graph());
        for (Cell.State s : cell.states()) {
            out.append("  n").append(s.next()).append(" -> n").append(s.node())
                    .append(" [style=dashed, constraint=false, label=\"next ").append(s.name()).append("\"];\n");
        }
        for (Cell.Port o : cell.outputs()) {
            out.append("  out_").append(o.name()).append(" [shape=doubleoctagon, label=\"").append(o.name())
                    .append("\"];\n  n").append(o.node()).append(" -> out_").append(o.name()).append(";\n");
        }
        return out.append("}\n").toString();
    }

    private static void appendGraph(StringBuilder out, Graph graph) {
        for (Node n : graph.nodes()) {
            out.append("  n").append(n.id()).append(" [").append(style(n)).append(", label=\"%").append(n.id())
                    .append(' ').append(NodeText.operation(n));
            if (n.hasLabel() && !n.op().isLeaf()) {
                out.append("\\n").append(n.label());
            }
            out.append("\\n").append(n.shape()).append("\"];\n");
            for (int in : n.inputs()) {
                out.append("  n").append(in).append(" -> n").append(n.id()).append(";\n");
            }
        }
    }

    private static String style(Node n) {
        return switch (n.op()) {
            case INPUT -> "shape=box, style=filled, fillcolor=\"#dbeafe\"";
            case STATE -> "shape=box, style=filled, fillcolor=\"#fde68a\"";
            case PARAM -> "shape=box, style=filled, fillcolor=\"#e5e7eb\"";
            case CONST -> "shape=box";
            case MATMUL, MATMUL_NT, MATMUL_TN, ADD, SUB, MUL, DIV, ADD_BIAS, NEG, SCALE, TANH, SIGMOID, RELU, STEP,
                    EXP, LOG, DETACH, CONCAT, SLICE, PAD, SUM_ROWS, SUM_COLS, MEAN_ROWS, MEAN_COLS, BROADCAST_ROWS,
                    SPREAD_ROWS, BROADCAST_COLS, SOFTMAX, ONE_HOT, SOFTMAX_CE -> "shape=ellipse";
        };
    }
}
