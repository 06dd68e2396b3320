package dev.unroll.runtime;

import dev.unroll.compiler.emit.EmitOptions;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.CellBuilder;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.kernels.Dtype;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every place a name enters, each as a call that takes the name to try: the DSL (cell, input, state, parameter,
 * output and value names, affine gates), the IR's public constructors and builders (cells, ports, nodes, labels),
 * and the package and class names of generated kernels.
 */
final class NamePlaces {

    private static final Cell RNN = Cells.rnn(2, 3);

    static final Map<String, Consumer<String>> ALL = places();

    private NamePlaces() {
    }

    private static Map<String, Consumer<String>> places() {
        Map<String, Consumer<String>> places = new LinkedHashMap<>();
        places.put("Cell.define", name -> Cell.define(name, c -> { }));
        dsl(places, "input", (c, name) -> c.input(name, 2));
        dsl(places, "state", (c, name) -> c.state(name, 2));
        dsl(places, "weight", (c, name) -> c.weight(name, 2, 2));
        dsl(places, "bias", (c, name) -> c.bias(name, 2));
        dsl(places, "param", (c, name) -> c.param(name, 2, 2, Init.zeros()));
        dsl(places, "output", (c, name) -> c.output(name, c.input("x", 2)));
        dsl(places, "Value.as", (c, name) -> c.input("x", 2).tanh().as(name));
        dsl(places, "affine gate", (c, name) -> c.affine(name, 2, c.input("x", 2)));
        places.put("new Cell", name -> new Cell(name, RNN.graph(), RNN.inputs(), RNN.states(), RNN.params(),
                RNN.outputs(), RNN.source()));
        places.put("new Cell.Port", name -> new Cell.Port(name, 0, Shape.batch(2)));
        places.put("new Cell.State", name -> new Cell.State(name, 1, 9, Shape.batch(3)));
        places.put("new Cell.Param", name -> new Cell.Param(name, 2, Shape.of(2, 3), Init.zeros()));
        places.put("Node.withLabel", name -> RNN.graph().node(9).withLabel(name));
        places.put("new Node", name -> new Node(0, Op.INPUT, List.of(), Shape.batch(2), Attrs.NONE, name, null));
        places.put("GraphBuilder.leaf", name -> new GraphBuilder().leaf(Op.PARAM, Shape.of(2, 2), null, name, null));
        places.put("GraphBuilder.label", name -> {
            GraphBuilder b = new GraphBuilder();
            b.label(b.leaf(Op.CONST, Shape.batch(2), null, null, null), name);
        });
        places.put("kernel class name", name -> EmitOptions.of(name, Dtype.FLOAT64, 4, 4));
        places.put("kernel package", name -> new EmitOptions(name, "Kernel", Dtype.FLOAT64, 4, 4));
        return Collections.unmodifiableMap(places);
    }

    private static void dsl(Map<String, Consumer<String>> places, String what, BiConsumer<CellBuilder, String> call) {
        places.put(what, name -> Cell.define("cell", c -> call.accept(c, name)));
    }
}
