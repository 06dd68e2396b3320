package dev.unroll.compiler.autodiff;

import dev.unroll.compiler.passes.Simplify;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation as a graph transform: turns a cell into its {@link Adjoint} cell.
 * The walk over nodes is a loop in reverse definition order, so graph size never deepens the stack.
 */
public final class Autodiff {

    private Autodiff() {
    }

    /** The adjoint of {@code cell} with every output seeded. */
    public static Adjoint adjoint(Cell cell) {
        Require.notNull(cell, "Autodiff.adjoint", "cell");
        return adjoint(cell, cell.outputs().stream().map(Cell.Port::name).toList());
    }

    /** The adjoint of {@code cell} where only the named outputs receive an adjoint input. */
    public static Adjoint adjoint(Cell cell, List<String> seededOutputs) {
        Require.notNull(cell, "Autodiff.adjoint", "cell");
        Require.noNulls(seededOutputs, "Autodiff.adjoint", "seededOutputs");
        Graph fwd = cell.graph();
        GraphBuilder b = new GraphBuilder();
        copyForward(fwd, b);
        int[] adj = new int[fwd.size()];
        Arrays.fill(adj, GradRules.ABSENT);
        List<Cell.Port> inputs = new ArrayList<>();
        for (Node n : fwd.nodes()) {
            if (n.op() == Op.INPUT || n.op() == Op.STATE) {
                inputs.add(new Cell.Port(n.label(), n.id(), n.shape()));
            }
        }
        Map<String, Cell.Port> outputsByName = new HashMap<>();
        cell.outputs().forEach(o -> outputsByName.put(o.name(), o));
        for (String name : seededOutputs) {
            Cell.Port o = outputsByName.containsKey(name) ? outputsByName.get(name) : cell.output(name);
            int seed = b.leaf(Op.INPUT, o.shape(), Attrs.NONE, DerivedNames.adjoint(name), SourceLocation.UNKNOWN);
            inputs.add(new Cell.Port(b.node(seed).label(), seed, o.shape()));
            accumulate(adj, o.node(), seed, b);
        }
        List<int[]> stateSeeds = new ArrayList<>();
        for (Cell.State s : cell.states()) {
            int seed = b.leaf(Op.STATE, s.shape(), Attrs.NONE, DerivedNames.adjoint(s.name()),
                    cell.graph().node(s.node()).source());
            stateSeeds.add(new int[] {seed});
            accumulate(adj, s.next(), seed, b);
        }
        boolean[] needs = needsGradient(fwd);
        for (int id = fwd.size() - 1; id >= 0; id--) {
            Node n = fwd.node(id);
            if (adj[id] == GradRules.ABSENT || n.op().isLeaf()) {
                continue;
            }
            int[] contrib = GradRules.contributions(n, adj[id], b);
            for (int i = 0; i < contrib.length; i++) {
                if (contrib[i] != GradRules.ABSENT && needs[n.input(i)]) {
                    accumulate(adj, n.input(i), contrib[i], b);
                }
            }
        }
        return finish(cell, b, adj, inputs, stateSeeds, seededOutputs);
    }

    private static Adjoint finish(Cell cell, GraphBuilder b, int[] adj, List<Cell.Port> inputs,
                                  List<int[]> stateSeeds, List<String> seeded) {
        List<Integer> seedInputs = new ArrayList<>();
        for (int k = 0; k < seeded.size(); k++) {
            seedInputs.add(inputs.size() - seeded.size() + k);
        }
        List<Cell.State> states = new ArrayList<>();
        for (int i = 0; i < cell.states().size(); i++) {
            Cell.State s = cell.states().get(i);
            int seed = stateSeeds.get(i)[0];
            int next = adj[s.node()] != GradRules.ABSENT ? adj[s.node()]
                    : b.leaf(Op.CONST, s.shape(), Attrs.scalar(0.0), null, SourceLocation.UNKNOWN);
            states.add(new Cell.State(b.node(seed).label(), seed, next, s.shape()));
        }
        List<Cell.Port> outputs = new ArrayList<>();
        List<Integer> inputGradients = new ArrayList<>();
        for (Cell.Port in : cell.inputs()) {
            inputGradients.add(adj[in.node()] == GradRules.ABSENT ? Adjoint.NONE : outputs.size());
            if (adj[in.node()] != GradRules.ABSENT) {
                outputs.add(new Cell.Port(DerivedNames.adjoint(in.name()), adj[in.node()], in.shape()));
            }
        }
        List<Integer> parameterGradients = new ArrayList<>();
        for (Cell.Param p : cell.params()) {
            parameterGradients.add(adj[p.node()] == GradRules.ABSENT ? Adjoint.NONE : outputs.size());
            if (adj[p.node()] != GradRules.ABSENT) {
                outputs.add(new Cell.Port(DerivedNames.gradient(p.name()), adj[p.node()], p.shape()));
            }
        }
        Cell raw = new Cell(DerivedNames.adjoint(cell.name()), b.build(), inputs, states,
                cell.params(), outputs, cell.source());
        int forwardSize = cell.graph().size();
        // Simplify keeps every port in place, so the positions recorded here hold in the simplified cell.
        return new Adjoint(cell, Simplify.cell(raw, forwardSize), forwardSize, seeded, seedInputs,
                inputGradients, parameterGradients);
    }

    /** Copies the forward graph under the same ids; states become inputs carrying their previous values. */
    private static void copyForward(Graph fwd, GraphBuilder b) {
        b.copy(fwd, n -> b.leaf(n.op() == Op.STATE ? Op.INPUT : n.op(), n.shape(), n.attrs(), n.label(), n.source()));
    }

    /** Which nodes depend on a differentiable leaf (an input, state or parameter) through differentiable ops. */
    private static boolean[] needsGradient(Graph g) {
        boolean[] needs = new boolean[g.size()];
        for (Node n : g.nodes()) {
            needs[n.id()] = switch (n.op()) {
                case INPUT, STATE, PARAM -> true;
                case CONST, DETACH, STEP, ONE_HOT -> false;
                default -> n.inputs().stream().anyMatch(i -> needs[i]);
            };
        }
        return needs;
    }

    private static void accumulate(int[] adj, int target, int contribution, GraphBuilder b) {
        if (contribution < 0) {
            throw new UnrollException("internal: negative adjoint id for %" + target);
        }
        adj[target] = adj[target] == GradRules.ABSENT ? contribution
                : b.apply(Op.ADD, b.node(target).source(), adj[target], contribution);
    }
}
