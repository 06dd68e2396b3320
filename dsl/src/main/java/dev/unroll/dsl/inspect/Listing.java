package dev.unroll.dsl.inspect;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.stream.Collectors;

/**
 * Prints a cell as a listing in the spirit of a jaxpr: one line per node, {@code %7 = tanh %6 : [B×256]},
 * followed by the DSL name where one was given, then the state bindings and outputs.
 */
public final class Listing {

    private Listing() {
    }

    /** The listing of {@code cell}, without source locations. */
    public static String of(Cell cell) {
        return of(cell, false);
    }

    /** The listing of {@code cell}; with {@code sources}, each line ends with the user's {@code File.java:line}. */
    public static String of(Cell cell, boolean sources) {
        StringBuilder out = new StringBuilder();
        out.append("cell ").append(cell.name()).append(" {\n");
        appendNodes(out, cell.graph(), sources);
        for (Cell.State s : cell.states()) {
            out.append("  next ").append(s.name()).append(" = %").append(s.next()).append('\n');
        }
        for (Cell.Port o : cell.outputs()) {
            out.append("  out ").append(o.name()).append(" = %").append(o.node()).append('\n');
        }
        return out.append("}\n").toString();
    }

    /** The node lines of a bare graph, indented by two spaces. */
    public static String of(Graph graph, boolean sources) {
        StringBuilder out = new StringBuilder();
        appendNodes(out, graph, sources);
        return out.toString();
    }

    private static void appendNodes(StringBuilder out, Graph graph, boolean sources) {
        for (Node n : graph.nodes()) {
            StringBuilder line = new StringBuilder("  %").append(n.id()).append(" = ").append(NodeText.operation(n));
            if (!n.inputs().isEmpty()) {
                line.append(' ').append(n.inputs().stream().map(i -> "%" + i).collect(Collectors.joining(" ")));
            }
            line.append(" : ").append(n.shape());
            boolean named = n.hasLabel() && !n.op().isLeaf();
            boolean located = sources && !n.source().equals(SourceLocation.UNKNOWN);
            if (named || located) {
                line.append("  #");
                if (named) {
                    line.append(' ').append(n.label());
                }
                if (located) {
                    line.append(" @ ").append(n.source());
                }
            }
            out.append(line).append('\n');
        }
    }
}
