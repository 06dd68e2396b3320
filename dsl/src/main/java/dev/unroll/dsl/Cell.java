package dev.unroll.dsl;

import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A recurrent cell: one time step as an immutable graph, with named inputs, named states (each with the node of
 * its next value), named parameters and named outputs.
 *
 * <p>Declare one with {@link #define(String, Consumer)}; the body reads like the cell's equations.
 */
public record Cell(String name, Graph graph, List<Port> inputs, List<State> states, List<Param> params,
                   List<Port> outputs, SourceLocation source) {

    /** A named input or output bound to a node. */
    public record Port(String name, int node, Shape shape) {
        public Port {
            CellChecks.port("input or output", name, node, shape);
        }
    }

    /** A named state: the leaf holding its previous value and the node computing its next value. */
    public record State(String name, int node, int next, Shape shape) {
        public State {
            CellChecks.port("state", name, node, shape);
            CellChecks.port("state", name, next, shape);
        }
    }

    /** A named parameter: its leaf node, its shape and how it is initialized. */
    public record Param(String name, int node, Shape shape, Init init) {
        public Param {
            CellChecks.port("parameter", name, node, shape);
            Require.notNull(init, "parameter " + Names.quote(name), "init");
        }
    }

    /**
     * Checks everything a cell promises, whoever makes it: a name allowed in the IR, a graph, and ports that name
     * the graph's leaves (inputs, states and parameters share one namespace, outputs have their own) with the
     * shapes of their nodes.
     */
    public Cell {
        source = source == null ? SourceLocation.UNKNOWN : source;
        if (!Names.isIrName(name)) {
            Names.requireIrName("cell name", name, source);
        }
        String call = "cell '" + name + "'";
        Require.notNull(graph, call, "graph");
        inputs = List.copyOf(Require.noNulls(inputs, call, "inputs"));
        states = List.copyOf(Require.noNulls(states, call, "states"));
        params = List.copyOf(Require.noNulls(params, call, "params"));
        outputs = List.copyOf(Require.noNulls(outputs, call, "outputs"));
        new CellChecks(call, graph).check(inputs, states, params, outputs);
    }

    /**
     * Declares a cell: {@code body} receives a builder on which it declares inputs, states, parameters, the
     * computation, the next value of every state and the outputs. Every misuse throws {@link UnrollException}
     * naming the user's source line.
     */
    public static Cell define(String name, Consumer<CellBuilder> body) {
        SourceLocation where = SourceCapture.caller();
        CellBuilder builder = new CellBuilder(Names.require("cell", name, where), where);
        if (body == null) {
            throw new UnrollException("cell '" + name + "' has no body (at " + where + ")");
        }
        body.accept(builder);
        return builder.build();
    }

    /** The input with the given name. */
    public Port input(String inputName) {
        return find(inputs, Port::name, inputName, "input");
    }

    /** The state with the given name. */
    public State state(String stateName) {
        return find(states, State::name, stateName, "state");
    }

    /** The parameter with the given name. */
    public Param param(String paramName) {
        return find(params, Param::name, paramName, "parameter");
    }

    /** The output with the given name. */
    public Port output(String outputName) {
        return find(outputs, Port::name, outputName, "output");
    }

    private <T> T find(List<T> items, Function<T, String> nameOf, String wanted, String kind) {
        List<String> known = new ArrayList<>();
        for (T item : items) {
            if (nameOf.apply(item).equals(wanted)) {
                return item;
            }
            known.add(nameOf.apply(item));
        }
        throw new UnrollException("cell '" + name + "' has no " + kind + " named " + Names.quote(wanted)
                + "; its " + kind + "s are " + known);
    }
}
