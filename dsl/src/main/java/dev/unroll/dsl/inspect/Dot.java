package dev.unroll.dsl.inspect;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exports a cell as a Graphviz DOT digraph: leaves as boxes (inputs, states, parameters), operations as ellipses,
 * edges in data-flow direction, dashed edges from each next value back to its state.
 *
 * <p>Every name and label is written through {@link #id} or {@link #label}: identifiers that are not plain DOT
 * identifiers are quoted, and quoted text has its quotes, backslashes and control characters escaped, so no name
 * can end a string early or add statements to the drawing.
 */
public final class Dot {

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final Set<String> KEYWORDS = Set.of("node", "edge", "graph", "digraph", "subgraph", "strict");

    private Dot() {
    }

    /** The DOT text of {@code cell}. */
    public static String of(Cell cell) {
        StringBuilder out = new StringBuilder();
        out.append("digraph ").append(id(cell.name())).append(" {\n");
        out.append("  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        appendGraph(out, cell.graph());
        for (Cell.State s : cell.states()) {
            out.append("  n").append(s.next()).append(" -> n").append(s.node()).append(" [style=dashed,"
                    + " constraint=false, label=").append(label("next " + s.name())).append("];\n");
        }
        for (Cell.Port o : cell.outputs()) {
            String node = id("out_" + o.name());
            out.append("  ").append(node).append(" [shape=doubleoctagon, label=").append(label(o.name()))
                    .append("];\n  n").append(o.node()).append(" -> ").append(node).append(";\n");
        }
        return out.append("}\n").toString();
    }

    /** {@code name} as a DOT identifier: as it is when it is a plain one and no keyword, else quoted. */
    static String id(String name) {
        boolean plain = PLAIN_ID.matcher(name).matches() && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT));
        return plain ? name : label(name);
    }

    /**
     * A DOT quoted string showing {@code lines} one below the other: quotes and backslashes escaped, line breaks
     * written as DOT's {@code \n}, other control characters shown as {@code ?}.
     */
    static String label(String... lines) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "" : "\\n");
            for (char ch : lines[i].toCharArray()) {
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> out.append(Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029' ? '?' : ch);
                }
            }
        }
        return out.append('"').toString();
    }

    private static void appendGraph(StringBuilder out, Graph graph) {
        for (Node n : graph.nodes()) {
            String head = "%" + n.id() + " " + NodeText.operation(n);
            String shape = n.shape().toString();
            String text = n.hasLabel() && !n.op().isLeaf() ? label(head, n.label(), shape) : label(head, shape);
            out.append("  n").append(n.id()).append(" [").append(style(n)).append(", label=").append(text)
                    .append("];\n");
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
            case DROPOUT, ZONEOUT -> "shape=ellipse, style=dashed";
            case MATMUL, MATMUL_NT, MATMUL_TN, ADD, SUB, MUL, DIV, SELECT, ADD_BIAS, NEG, SCALE, TANH, SIGMOID, RELU,
                    STEP, EXP, LOG, SQRT, DETACH, CONCAT, SLICE, PAD, SUM_ROWS, SUM_COLS, MEAN_ROWS, MEAN_COLS,
                    BROADCAST_ROWS,
                    SPREAD_ROWS, BROADCAST_COLS, SOFTMAX, ONE_HOT, SOFTMAX_CE -> "shape=ellipse";
        };
    }
}
