package dev.unroll.compiler.model;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a cell's graph into a larger graph under construction: its inputs and states are bound to nodes of the
 * host, and its parameters become host parameters named {@code <prefix>__<name>}.
 */
final class Inline {

    /** Where the inlined cell's outputs and next states landed, and the parameters it added. */
    record Placed(Map<String, Integer> outputs, Map<String, Integer> next, List<Cell.Param> params) {
    }

    private Inline() {
    }

    static Placed into(GraphBuilder host, Cell cell, String prefix, Map<String, Integer> bindings) {
        int[] map = new int[cell.graph().size()];
        List<Cell.Param> params = new ArrayList<>();
        for (Node n : cell.graph().nodes()) {
            map[n.id()] = switch (n.op()) {
                case INPUT, STATE -> bound(cell, n, bindings);
                case PARAM -> {
                    String name = Names.derived(prefix, n.label());
                    int id = host.leaf(Op.PARAM, n.shape(), n.attrs(), name, n.source());
                    params.add(new Cell.Param(name, id, n.shape(), cell.param(n.label()).init()));
                    yield id;
                }
                case CONST -> host.leaf(Op.CONST, n.shape(), n.attrs(), null, n.source());
                default -> {
                    List<Integer> ins = new ArrayList<>(n.inputs().size());
                    for (int in : n.inputs()) {
                        ins.add(map[in]);
                    }
                    yield host.apply(n.op(), ins, n.attrs(), n.label(), n.source());
                }
            };
        }
        Map<String, Integer> outputs = new HashMap<>();
        cell.outputs().forEach(o -> outputs.put(o.name(), map[o.node()]));
        Map<String, Integer> next = new HashMap<>();
        cell.states().forEach(s -> next.put(s.name(), map[s.next()]));
        return new Placed(outputs, next, params);
    }

    private static int bound(Cell cell, Node n, Map<String, Integer> bindings) {
        Integer id = bindings.get(n.label());
        if (id == null) {
            throw new UnrollException("cell '" + cell.name() + "': " + n.op().mnemonic() + " '" + n.label()
                    + "' is not connected; a layer's cell must have exactly one input");
        }
        return id;
    }
}
