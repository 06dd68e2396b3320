package dev.unroll.dsl;

import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder a cell's body receives: declares inputs, states, parameters and constants, binds each state's
 * next value and names the outputs. Every declaration checks names and shapes at once.
 */
public final class CellBuilder {

    /** The ε of {@link #layerNorm(String, Value)}, as in {@code torch.nn.LayerNorm}. */
    public static final double LAYER_NORM_EPSILON = 1e-5;

    private final String cellName;
    private final SourceLocation where;
    private final GraphBuilder graph = new GraphBuilder();
    private final Map<String, SourceLocation> names = new HashMap<>();
    private final List<Cell.Port> inputs = new ArrayList<>();
    private final List<Cell.Param> params = new ArrayList<>();
    private final List<Cell.Port> outputs = new ArrayList<>();
    private final Map<Integer, String> stateNames = new LinkedHashMap<>();
    private final Map<Integer, Integer> nextOf = new HashMap<>();
    private boolean built;

    CellBuilder(String cellName, SourceLocation where) {
        this.cellName = cellName;
        this.where = where;
    }

    /** Declares a per-step input {@code [B×size]}. */
    public Value input(String name, int size) {
        SourceLocation at = declare("input", name);
        int id = graph.leaf(Op.INPUT, Shape.batch(positive("input " + name + " size", size, at)), Attrs.NONE, name, at);
        inputs.add(new Cell.Port(name, id, graph.shape(id)));
        return new Value(this, id);
    }

    /** Declares a recurrent state {@code [B×size]}; its next value must be bound with {@link #next}. */
    public Value state(String name, int size) {
        SourceLocation at = declare("state", name);
        int id = graph.leaf(Op.STATE, Shape.batch(positive("state " + name + " size", size, at)), Attrs.NONE, name, at);
        stateNames.put(id, name);
        return new Value(this, id);
    }

    /** Declares a parameter matrix {@code [rows×cols]} with the given initializer. */
    public Value param(String name, int rows, int cols, Init init) {
        SourceLocation at = declare("parameter", name);
        positive("parameter " + name + " rows", rows, at);
        positive("parameter " + name + " cols", cols, at);
        if ((long) rows * cols > Shape.MAX_ELEMENTS) {
            throw new UnrollException(Shape.tooLarge("parameter " + name, rows, cols) + " (at " + at + ")");
        }
        Shape shape = Shape.of(rows, cols);
        if (init == null) {
            throw new UnrollException("parameter '" + name + "' needs an initializer, got null (at " + at + ")");
        }
        int id = graph.leaf(Op.PARAM, shape, Attrs.NONE, name, at);
        params.add(new Cell.Param(name, id, shape, init));
        return new Value(this, id);
    }

    /** Declares a weight matrix {@code [rows×cols]}, Xavier-uniform initialized. */
    public Value weight(String name, int rows, int cols) {
        return param(name, rows, cols, Init.xavier());
    }

    /** Declares a bias row {@code [1×size]}, zero initialized. */
    public Value bias(String name, int size) {
        return param(name, 1, size, Init.zeros());
    }

    /** A constant {@code [B×size]} with every element equal to {@code value}. */
    public Value constant(double value, int size) {
        SourceLocation at = SourceCapture.caller();
        if (built) {
            throw new UnrollException("constant: cell '" + cellName + "' is already built; declare everything inside"
                    + " its body (at " + at + ")");
        }
        if (!Double.isFinite(value)) {
            throw new UnrollException("constant must be finite, got " + value + " (at " + at + ")");
        }
        int id = graph.leaf(Op.CONST, Shape.batch(positive("constant size", size, at)), Attrs.scalar(value), null, at);
        return new Value(this, id);
    }

    /**
     * An affine map of named operands, {@code Σ x_k W_{x_k,gate} + b_gate}: for each operand {@code x} (an input
     * or state, or any value named with {@link Value#as}) a weight {@code W_<x><gate>} and one bias
     * {@code b_<gate>}, so {@code affine("i", x, h)} declares {@code W_xi}, {@code W_hi} and {@code b_i}.
     */
    public Value affine(String gate, int size, Value... operands) {
        SourceLocation at = SourceCapture.caller();
        Names.require("gate", gate, at);
        if (operands == null || operands.length == 0) {
            throw new UnrollException("affine '" + gate + "' needs at least one operand (at " + at + ")");
        }
        Value sum = null;
        for (Value x : operands) {
            own(x, "affine");
            String xName = graph.node(x.id()).label();
            if (xName == null) {
                throw new UnrollException("affine '" + gate + "': operand %" + x.id() + " has no name; name it with"
                        + " .as(\"...\") so its weight can be named (at " + at + ")");
            }
            Value term = x.matmul(weight("W_" + xName + gate, x.shape().cols(), size));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.addBias(bias("b_" + gate, size));
    }

    /**
     * Layer normalization of every row of {@code x} over its features with ε = {@value #LAYER_NORM_EPSILON}, as
     * {@code torch.nn.LayerNorm}: see {@link #layerNorm(String, Value, double)}.
     */
    public Value layerNorm(String name, Value x) {
        return layerNorm(name, x, LAYER_NORM_EPSILON);
    }

    /**
     * Layer normalization of every row of {@code x} over its features (Ba et al. 2016),
     * {@code (x − μ) / sqrt(σ² + ε) ⊙ g + b} with the row's mean μ and biased variance σ², declaring the gain
     * {@code g_<name>} (ones) and the bias {@code b_<name>} (zeros), both {@code [1×n]}; built from the ops a user
     * has, so gradients and generated code need nothing new.
     */
    public Value layerNorm(String name, Value x, double epsilon) {
        SourceLocation at = SourceCapture.caller();
        Names.require("layer norm", name, at);
        own(x, "layerNorm");
        if (!x.shape().batched()) {
            throw new UnrollException("layerNorm '" + name + "' normalizes the rows of a batched value [B×n], but %"
                    + x.id() + " is " + x.shape() + " (at " + at + ")");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new UnrollException("layerNorm '" + name + "': ε must be finite and > 0, so that the square root"
                    + " and its gradient stay finite for a constant row; got " + epsilon + " (at " + at + ")");
        }
        int n = x.shape().cols();
        Value centered = x.sub(x.meanCols().broadcastCols(n));
        Value deviation = centered.mul(centered).meanCols().add(constant(epsilon, 1)).sqrt();
        Value normalized = centered.div(deviation.broadcastCols(n));
        Value gain = param("g_" + name, 1, n, Init.constant(1.0));
        return normalized.mul(gain.broadcast()).addBias(bias("b_" + name, n));
    }

    /** Binds the next value of {@code state}. */
    public CellBuilder next(Value state, Value nextValue) {
        SourceLocation at = SourceCapture.caller();
        own(state, "next");
        own(nextValue, "next");
        String name = stateNames.get(state.id());
        if (name == null) {
            throw new UnrollException("next: %" + state.id() + " is not a state declared with c.state(...) (at "
                    + at + ")");
        }
        if (nextOf.containsKey(state.id())) {
            throw new UnrollException("next: state '" + name + "' already has a next value (at " + at + ")");
        }
        if (!state.shape().equals(nextValue.shape())) {
            throw new UnrollException("next: state '" + name + "' is " + state.shape() + " but its next value is "
                    + nextValue.shape() + " (at " + at + ")");
        }
        nextOf.put(state.id(), nextValue.id());
        return this;
    }

    /** Names an output of the cell. */
    public CellBuilder output(String name, Value value) {
        SourceLocation at = declare("output", name);
        own(value, "output");
        outputs.add(new Cell.Port(name, value.id(), value.shape()));
        return this;
    }

    GraphBuilder graph() {
        return graph;
    }

    /** Checks that {@code v} was made by this builder and that the cell is still open. */
    void own(Value v, String op) {
        if (v == null) {
            throw new UnrollException(op + ": an operand is null (at " + SourceCapture.caller() + ")");
        }
        if (v.builder() != this) {
            throw new UnrollException(op + ": %" + v.id() + " belongs to another cell, not to '" + cellName
                    + "' (at " + SourceCapture.caller() + ")");
        }
        if (built) {
            throw new UnrollException(op + ": cell '" + cellName + "' is already built; declare everything inside"
                    + " its body (at " + SourceCapture.caller() + ")");
        }
    }

    Cell build() {
        List<Cell.State> states = new ArrayList<>();
        for (Map.Entry<Integer, String> e : stateNames.entrySet()) {
            Integer next = nextOf.get(e.getKey());
            Node leaf = graph.node(e.getKey());
            if (next == null) {
                throw new UnrollException("cell '" + cellName + "': state '" + e.getValue() + "' (declared at "
                        + leaf.source() + ") has no next value; bind one with c.next(" + e.getValue() + ", ...)");
            }
            states.add(new Cell.State(e.getValue(), e.getKey(), next, leaf.shape()));
        }
        built = true;
        return new Cell(cellName, graph.build(), inputs, states, params, outputs, where);
    }

    private SourceLocation declare(String kind, String name) {
        SourceLocation at = SourceCapture.caller();
        if (built) {
            throw new UnrollException(kind + " " + Names.quote(name) + ": cell '" + cellName + "' is already built"
                    + " (at " + at + ")");
        }
        Names.require(kind, name, at);
        SourceLocation earlier = names.putIfAbsent(name, at);
        if (earlier != null) {
            throw new UnrollException(kind + " name '" + name + "' is already used in cell '" + cellName
                    + "' (declared at " + earlier + "; again at " + at + ")");
        }
        return at;
    }

    private static int positive(String what, int value, SourceLocation at) {
        if (value < 1) {
            throw new UnrollException(what + " must be at least 1, got " + value + " (at " + at + ")");
        }
        if (value > Shape.MAX_ELEMENTS) {
            throw new UnrollException(what + " must be at most " + Shape.MAX_ELEMENTS + " (the longest Java array),"
                    + " got " + value + " (at " + at + ")");
        }
        return value;
    }
}
