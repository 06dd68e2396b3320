package dev.unroll.compiler.interp;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference interpreter: runs a graph op by op in double precision. It defines what every graph means;
 * generated code and gradients are checked against it.
 */
public final class Interpreter {

    /** The outputs and next states of one cell step, by name. */
    public record Step(Map<String, Mat> outputs, Map<String, Mat> nextStates) {
        public Step {
            Require.notNull(outputs, "Interpreter.Step", "outputs");
            Require.notNull(nextStates, "Interpreter.Step", "nextStates");
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            nextStates = Collections.unmodifiableMap(new LinkedHashMap<>(nextStates));
        }
    }

    /** The outputs of every step (index t) and the final states of a sequence run. */
    public record Run(List<Map<String, Mat>> outputs, Map<String, Mat> finalStates) {
        public Run {
            outputs = List.copyOf(Require.noNulls(outputs, "Interpreter.Run", "outputs"));
            Require.notNull(finalStates, "Interpreter.Run", "finalStates");
            finalStates = Collections.unmodifiableMap(new LinkedHashMap<>(finalStates));
        }
    }

    private Interpreter() {
    }

    /**
     * The value of every node of {@code graph}, indexed by node id. Leaves are bound by name from
     * {@code bindings} (inputs, states and parameters share one namespace); the batch size is read off the
     * batched leaves, which must agree.
     */
    public static Mat[] evaluate(Graph graph, Map<String, Mat> bindings) {
        return evaluate(graph, bindings, Noise.EVALUATION, 0);
    }

    /** As {@link #evaluate(Graph, Map)}, at step {@code step} of a run with randomness {@code noise}. */
    public static Mat[] evaluate(Graph graph, Map<String, Mat> bindings, Noise noise, int step) {
        Require.notNull(graph, "Interpreter.evaluate", "graph");
        Require.notNull(bindings, "Interpreter.evaluate", "bindings");
        Require.notNull(noise, "Interpreter.evaluate", "noise");
        int batch = batchOf(graph, bindings);
        Mat[] values = new Mat[graph.size()];
        for (Node n : graph.nodes()) {
            values[n.id()] = switch (n.op()) {
                case INPUT, STATE, PARAM -> bound(n, bindings, batch);
                case CONST -> constant(n, batch);
                case MATMUL, MATMUL_NT, MATMUL_TN, ADD, SUB, MUL, DIV, SELECT, ADD_BIAS, NEG, SCALE, TANH, SIGMOID,
                        RELU, STEP, EXP, LOG, SQRT, DETACH, CONCAT, SLICE, PAD, SUM_ROWS, SUM_COLS, MEAN_ROWS,
                        MEAN_COLS, BROADCAST_ROWS, SPREAD_ROWS, BROADCAST_COLS, SOFTMAX, ONE_HOT,
                        SOFTMAX_CE, DROPOUT, ZONEOUT -> apply(n, values, batch, noise, step);
            };
        }
        return values;
    }

    /** One step of {@code cell}, in evaluation mode. */
    public static Step step(Cell cell, Map<String, Mat> inputs, Map<String, Mat> states, Map<String, Mat> params) {
        return step(cell, inputs, states, params, Noise.EVALUATION, 0);
    }

    /** Step {@code t} of a run of {@code cell} with randomness {@code noise}. */
    public static Step step(Cell cell, Map<String, Mat> inputs, Map<String, Mat> states, Map<String, Mat> params,
                            Noise noise, int t) {
        Require.notNull(cell, "Interpreter.step", "cell");
        Require.notNull(inputs, "Interpreter.step", "inputs");
        Require.notNull(states, "Interpreter.step", "states");
        Require.notNull(params, "Interpreter.step", "params");
        Map<String, Mat> bindings = new LinkedHashMap<>();
        bindAll(bindings, inputs);
        bindAll(bindings, states);
        bindAll(bindings, params);
        Mat[] values = evaluate(cell.graph(), bindings, noise, t);
        Map<String, Mat> outputs = new LinkedHashMap<>();
        for (Cell.Port o : cell.outputs()) {
            outputs.put(o.name(), values[o.node()]);
        }
        Map<String, Mat> next = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            next.put(s.name(), values[s.next()]);
        }
        return new Step(outputs, next);
    }

    /**
     * Runs {@code cell} over a sequence in evaluation mode: {@code inputs.get(t)} holds step t's inputs; the state is
     * carried.
     */
    public static Run run(Cell cell, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                          Map<String, Mat> params) {
        return run(cell, inputs, initialStates, params, Noise.EVALUATION);
    }

    /** As {@link #run(Cell, List, Map, Map)}, with randomness {@code noise}. */
    public static Run run(Cell cell, List<Map<String, Mat>> inputs, Map<String, Mat> initialStates,
                          Map<String, Mat> params, Noise noise) {
        Require.notNull(cell, "Interpreter.run", "cell");
        Require.noNulls(inputs, "Interpreter.run", "inputs");
        Require.notNull(initialStates, "Interpreter.run", "initialStates");
        Require.notNull(params, "Interpreter.run", "params");
        Map<String, Mat> states = new LinkedHashMap<>(initialStates);
        List<Map<String, Mat>> outputs = new ArrayList<>(inputs.size());
        for (int t = 0; t < inputs.size(); t++) {
            Step s = step(cell, inputs.get(t), states, params, noise, t);
            outputs.add(s.outputs());
            states = new LinkedHashMap<>(s.nextStates());
        }
        return new Run(outputs, states);
    }

    private static void bindAll(Map<String, Mat> bindings, Map<String, Mat> more) {
        for (Map.Entry<String, Mat> e : more.entrySet()) {
            if (bindings.put(e.getKey(), e.getValue()) != null) {
                throw new UnrollException("the name '" + e.getKey() + "' is bound twice (as an input, state or"
                        + " parameter); each name may be bound once");
            }
        }
    }

    private static Mat apply(Node n, Mat[] values, int batch, Noise noise, int step) {
        Mat[] in = new Mat[n.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = values[n.input(i)];
        }
        return OpSemantics.apply(n, in, batch, noise, step);
    }

    private static Mat bound(Node n, Map<String, Mat> bindings, int batch) {
        Mat m = bindings.get(n.label());
        String kind = n.op().mnemonic();
        if (m == null) {
            throw new UnrollException("no value bound for " + kind + " '" + n.label() + "' " + n.shape()
                    + " (declared at " + n.source() + "); bind it by name; bound names are " + bindings.keySet());
        }
        if (!m.fits(n.shape(), batch)) {
            throw new UnrollException(kind + " '" + n.label() + "' must be " + n.shape() + " with B = " + batch
                    + ", got " + m.rows() + "×" + m.cols() + " (declared at " + n.source() + ")");
        }
        return m;
    }

    private static Mat constant(Node n, int batch) {
        int rows = n.shape().rowsFor(batch);
        double[] d = new double[Mat.elements("constant %" + n.id(), rows, n.shape().cols())];
        Arrays.fill(d, n.attrs().scalar());
        return Mat.wrap(rows, n.shape().cols(), d);
    }

    private static int batchOf(Graph graph, Map<String, Mat> bindings) {
        int batch = -1;
        String from = null;
        for (Node n : graph.nodes()) {
            boolean boundLeaf = n.op() == Op.INPUT || n.op() == Op.STATE || n.op() == Op.PARAM;
            Mat m = boundLeaf && n.shape().batched() ? bindings.get(n.label()) : null;
            if (m == null) {
                continue;
            }
            if (batch < 0) {
                batch = m.rows();
                from = n.label();
            } else if (m.rows() != batch) {
                throw new UnrollException("batch sizes disagree: '" + from + "' has " + batch + " rows but '"
                        + n.label() + "' has " + m.rows());
            }
        }
        return batch < 0 ? 1 : batch;
    }
}
