package dev.unroll.compiler.passes;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes dead nodes and merges identical ones (common-subexpression elimination) in a cell, leaving its first
 * {@code keep} nodes untouched so that ids below {@code keep} still name the same values.
 */
public final class Simplify {

    /** The identity of a computation: equal keys compute equal values. */
    private record Key(Op op, List<Integer> inputs, Attrs attrs, Shape shape) {
    }

    private Simplify() {
    }

    /** {@code cell} without dead or duplicate nodes at ids {@code ≥ keep}. */
    public static Cell cell(Cell cell, int keep) {
        Graph g = cell.graph();
        boolean[] live = liveNodes(cell, keep);
        int[] map = new int[g.size()];
        GraphBuilder b = new GraphBuilder();
        Map<Key, Integer> seen = new HashMap<>();
        for (Node n : g.nodes()) {
            if (n.id() >= keep && !live[n.id()]) {
                map[n.id()] = -1;
                continue;
            }
            List<Integer> ins = new ArrayList<>(n.inputs().size());
            for (int in : n.inputs()) {
                ins.add(map[in]);
            }
            Key key = new Key(n.op(), ins, n.attrs(), n.shape());
            Integer same = mergeable(n, keep) ? seen.get(key) : null;
            if (same != null) {
                map[n.id()] = same;
                continue;
            }
            map[n.id()] = n.op().isLeaf() ? b.leaf(n.op(), n.shape(), n.attrs(), n.label(), n.source())
                    : b.apply(n.op(), ins, n.attrs(), n.label(), n.source());
            if (mergeable(n, keep)) {
                seen.put(key, map[n.id()]);
            }
        }
        return remap(cell, b.build(), map);
    }

    /** Named leaves are ports and stay distinct; forward nodes below {@code keep} are never merged. */
    private static boolean mergeable(Node n, int keep) {
        return n.id() >= keep && (!n.op().isLeaf() || n.op() == Op.CONST);
    }

    private static boolean[] liveNodes(Cell cell, int keep) {
        Graph g = cell.graph();
        boolean[] live = new boolean[g.size()];
        for (Cell.State s : cell.states()) {
            live[s.node()] = true;
            live[s.next()] = true;
        }
        for (Cell.Port p : cell.outputs()) {
            live[p.node()] = true;
        }
        for (Cell.Port p : cell.inputs()) {
            live[p.node()] = true;
        }
        for (Cell.Param p : cell.params()) {
            live[p.node()] = true;
        }
        for (int id = g.size() - 1; id >= 0; id--) {
            if (live[id] || id < keep) {
                for (int in : g.node(id).inputs()) {
                    live[in] = true;
                }
            }
        }
        return live;
    }

    private static Cell remap(Cell cell, Graph graph, int[] map) {
        List<Cell.Port> inputs = cell.inputs().stream()
                .map(p -> new Cell.Port(p.name(), map[p.node()], p.shape())).toList();
        List<Cell.State> states = cell.states().stream()
                .map(s -> new Cell.State(s.name(), map[s.node()], map[s.next()], s.shape())).toList();
        List<Cell.Param> params = cell.params().stream()
                .map(p -> new Cell.Param(p.name(), map[p.node()], p.shape(), p.init())).toList();
        List<Cell.Port> outputs = cell.outputs().stream()
                .map(p -> new Cell.Port(p.name(), map[p.node()], p.shape())).toList();
        return new Cell(cell.name(), graph, inputs, states, params, outputs, cell.source());
    }
}
