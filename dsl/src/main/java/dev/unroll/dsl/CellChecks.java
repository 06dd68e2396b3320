package dev.unroll.dsl;

import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The consistency rules of a {@link Cell} and its ports, checked by their constructors. */
final class CellChecks {

    private final String cell;
    private final Graph graph;
    private final Set<String> leafNames = new HashSet<>();
    private final Set<String> outputNames = new HashSet<>();

    CellChecks(String cell, Graph graph) {
        this.cell = cell;
        this.graph = graph;
    }

    /** A port's own fields: a name allowed in the IR, a node id that can exist, and a shape. */
    static void port(String kind, String name, int node, Shape shape) {
        if (!Names.isIrName(name)) {
            Names.requireIrName(kind + " name", name, "a port of a cell");
        }
        if (node < 0 || shape == null) {
            throw new UnrollException(kind + " '" + name + "' needs a node id of at least 0 and a shape, got %" + node
                    + " and " + shape);
        }
    }

    void check(List<Cell.Port> inputs, List<Cell.State> states, List<Cell.Param> params, List<Cell.Port> outputs) {
        for (Cell.Port in : inputs) {
            leaf("input", in.name(), in.node(), in.shape(), Op.INPUT);
        }
        for (Cell.State s : states) {
            leaf("state", s.name(), s.node(), s.shape(), Op.STATE);
            node("next value of state", s.name(), s.next(), s.shape());
        }
        for (Cell.Param p : params) {
            leaf("parameter", p.name(), p.node(), p.shape(), Op.PARAM);
        }
        for (Cell.Port out : outputs) {
            node("output", out.name(), out.node(), out.shape());
            unique(outputNames, "outputs", out.name());
        }
    }

    /** An input, state or parameter: its node is a leaf of {@code op} labelled with its name. */
    private void leaf(String kind, String name, int id, Shape shape, Op op) {
        Node n = node(kind, name, id, shape);
        if (n.op() != op || !name.equals(n.label())) {
            throw new UnrollException(cell + ": " + kind + " '" + name + "' is bound to %" + id + " ("
                    + n.op().mnemonic() + (n.hasLabel() ? " " + n.label() : "") + "), but must be bound to its leaf: "
                    + op.mnemonic() + " " + name);
        }
        unique(leafNames, "inputs, states or parameters", name);
    }

    private Node node(String kind, String name, int id, Shape shape) {
        if (id >= graph.size()) {
            throw new UnrollException(cell + ": " + kind + " '" + name + "' is bound to %" + id + ", but the graph has"
                    + " nodes %0 to %" + (graph.size() - 1));
        }
        Node n = graph.node(id);
        if (!n.shape().equals(shape)) {
            throw new UnrollException(cell + ": " + kind + " '" + name + "' is declared " + shape + " but its node %"
                    + id + " is " + n.shape() + "; a port has the shape of its node");
        }
        return n;
    }

    private void unique(Set<String> names, String kinds, String name) {
        if (!names.add(name)) {
            throw new UnrollException(cell + ": two " + kinds + " are named '" + name + "'; each name may be used"
                    + " once, because values are bound by name");
        }
    }
}
