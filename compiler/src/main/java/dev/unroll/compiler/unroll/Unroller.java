package dev.unroll.compiler.unroll;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the explicit T-step graph of a cell: the semantics of running it over a sequence, for inspection and as a
 * test oracle. Parameters appear once and are shared by every step; step t's inputs and outputs are named
 * {@code <name>__t<t>}; the states are the initial states and their next values are the final states.
 */
public final class Unroller {

    /** The most nodes an unrolled graph may have: it is an oracle for tests and inspection, held in memory whole. */
    public static final int MAX_NODES = 1_000_000;

    private Unroller() {
    }

    /** The T-step graph of {@code cell}. */
    public static Cell unroll(Cell cell, int steps) {
        return unroll(cell, steps, Set.of());
    }

    /**
     * The T-step graph with the state detached (a stop-gradient) where it enters each step in
     * {@code detachBefore}: the graph whose gradient fixed truncation computes.
     */
    public static Cell unroll(Cell cell, int steps, Set<Integer> detachBefore) {
        Require.notNull(cell, "unroll", "cell");
        Require.noNulls(detachBefore, "unroll", "detachBefore");
        if (steps < 1) {
            throw new UnrollException("unroll: the number of steps must be at least 1, got " + steps);
        }
        long nodes = (long) steps * (cell.graph().size() + cell.states().size());
        if (nodes > MAX_NODES) {
            throw new UnrollException("unroll: " + steps + " steps of cell '" + cell.name() + "' ("
                    + cell.graph().size() + " nodes) would make about " + nodes + " nodes, more than the " + MAX_NODES
                    + " an unrolled graph may have; unroll fewer steps (BPTT and compiled kernels run any length"
                    + " without unrolling)");
        }
        GraphBuilder b = new GraphBuilder();
        int[] map = new int[cell.graph().size()];
        List<Cell.Param> params = new ArrayList<>();
        for (Cell.Param p : cell.params()) {
            Node n = cell.graph().node(p.node());
            map[p.node()] = b.leaf(Op.PARAM, n.shape(), n.attrs(), n.label(), n.source());
            params.add(new Cell.Param(p.name(), map[p.node()], p.shape(), p.init()));
        }
        int[] state = new int[cell.states().size()];
        for (int i = 0; i < state.length; i++) {
            Node n = cell.graph().node(cell.states().get(i).node());
            state[i] = b.leaf(Op.STATE, n.shape(), n.attrs(), n.label(), n.source());
        }
        int[] initial = state.clone();
        List<Cell.Port> inputs = new ArrayList<>();
        List<Cell.Port> outputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < state.length; i++) {
                map[cell.states().get(i).node()] = detachBefore.contains(t)
                        ? b.apply(Op.DETACH, b.node(state[i]).source(), state[i]) : state[i];
            }
            map = step(cell, b, map, t, inputs);
            for (int i = 0; i < state.length; i++) {
                state[i] = map[cell.states().get(i).next()];
            }
            for (Cell.Port o : cell.outputs()) {
                outputs.add(new Cell.Port(DerivedNames.atStep(o.name(), t), map[o.node()], o.shape()));
            }
        }
        List<Cell.State> states = new ArrayList<>();
        for (int i = 0; i < state.length; i++) {
            Cell.State s = cell.states().get(i);
            states.add(new Cell.State(s.name(), initial[i], state[i], s.shape()));
        }
        return new Cell(DerivedNames.unrolled(cell.name(), steps), b.build(), inputs, states, params, outputs,
                cell.source());
    }

    /**
     * Appends one step's nodes; {@code placed} already holds the new ids of params and states. Returns the map from
     * the cell's ids to this step's.
     */
    private static int[] step(Cell cell, GraphBuilder b, int[] placed, int t, List<Cell.Port> inputs) {
        return b.copy(cell.graph(), n -> switch (n.op()) {
            case PARAM, STATE -> placed[n.id()];
            case INPUT -> {
                String name = DerivedNames.atStep(n.label(), t);
                int id = b.leaf(Op.INPUT, n.shape(), n.attrs(), name, n.source());
                inputs.add(new Cell.Port(name, id, n.shape()));
                yield id;
            }
            case CONST -> b.leaf(Op.CONST, n.shape(), n.attrs(), n.label(), n.source());
            default -> throw new UnrollException("internal: " + n.op().mnemonic() + " is not a leaf op");
        }, n -> atStep(n, t));
    }

    /**
     * The attributes of step {@code t}'s copy of node {@code n}: a dropout or zoneout drawing the mask of the step
     * being run draws step t's, since the unrolled graph runs all steps at once.
     */
    private static Attrs atStep(Node n, int t) {
        Attrs a = n.attrs();
        boolean running = (n.op() == Op.DROPOUT || n.op() == Op.ZONEOUT) && a.noiseStep() == Attrs.RUNNING_STEP;
        return running ? Attrs.noise(a.probability(), a.site(), t) : a;
    }
}
