package dev.unroll.compiler.model;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Copies a cell's graph into a larger graph under construction: its inputs and states are bound to nodes of the
 * host, and its parameters become host parameters named {@code <prefix>__<name>}.
 */
final class Inline {

    /** Where the inlined cell's outputs and next states landed, and the parameters it added with their references. */
    record Placed(Map<String, Integer> outputs, Map<String, Integer> next, List<Cell.Param> params,
                  List<ParamRef> refs) {
    }

    private Inline() {
    }

    /** Inlines {@code cell}, each node's attributes given by {@code attrs} (fresh sites for its random ops). */
    static Placed into(GraphBuilder host, Cell cell, String prefix, Map<String, Integer> bindings,
                       Function<Node, Attrs> attrs) {
        List<Cell.Param> params = new ArrayList<>();
        List<ParamRef> refs = new ArrayList<>();
        int[] map = host.copy(cell.graph(), n -> switch (n.op()) {
            case INPUT, STATE -> bound(cell, n, bindings);
            case PARAM -> {
                ParamRef ref = ParamRef.weight(prefix, n.label());
                int id = host.leaf(Op.PARAM, n.shape(), n.attrs(), ref.text(), n.source());
                refs.add(ref);
                params.add(new Cell.Param(ref.text(), id, n.shape(), cell.param(n.label()).init()));
                yield id;
            }
            case CONST -> host.leaf(Op.CONST, n.shape(), n.attrs(), null, n.source());
            default -> throw new UnrollException("internal: " + n.op().mnemonic() + " is not a leaf op");
        }, attrs);
        Map<String, Integer> outputs = new HashMap<>();
        cell.outputs().forEach(o -> outputs.put(o.name(), map[o.node()]));
        Map<String, Integer> next = new HashMap<>();
        cell.states().forEach(s -> next.put(s.name(), map[s.next()]));
        return new Placed(outputs, next, params, refs);
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
