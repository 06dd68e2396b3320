package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * An independent oracle for the gradient of a sequence loss: forward-mode automatic differentiation with
 * commons-math3 {@link DerivativeStructure}, over its own statement of the ops ({@link DsOps}), sharing no code with
 * the interpreter or the reverse-mode transform. It is exact up to rounding, so reverse mode must agree with it to
 * about 1e-10 relative.
 *
 * <p>Every element of every {@link SequenceData#variables() variable} is a free variable; they are differentiated
 * in chunks of {@value #CHUNK}, each chunk one forward run over the sequence. Truncation is honoured as in
 * {@link CellCheck}: the state entering step {@code t} is {@code base + carry[t]·(s − base)}.
 */
public final class ForwardOracle {

    /** How reports name this oracle. */
    public static final String NAME = "forward mode (DerivativeStructure)";

    /** Free variables per forward run; bounds the size of each derivative structure. */
    public static final int CHUNK = 64;

    private ForwardOracle() {
    }

    /**
     * The gradient of {@code (1/T) Σ_t loss_t} of {@code lossCell} (a cell made by {@code LossCell.attach}) with
     * respect to every variable of {@code data}, under the carry factors {@code carry}.
     */
    public static Map<String, Mat> gradients(Cell lossCell, SequenceData data, double[] carry) {
        Require.notNull(lossCell, "ForwardOracle.gradients", "lossCell");
        Require.notNull(data, "ForwardOracle.gradients", "data");
        Require.notNull(carry, "ForwardOracle.gradients", "carry");
        lossCell.output(LossCell.LOSS);
        data.requireFits(lossCell);
        if (carry.length != data.steps()) {
            throw new UnrollException("a sequence of " + data.steps() + " steps needs " + data.steps()
                    + " carry factors, got " + carry.length);
        }
        Map<String, Mat> variables = data.variables();
        int total = variables.values().stream().mapToInt(m -> m.rows() * m.cols()).sum();
        double[] grad = new double[total];
        for (int from = 0; from < total; from += CHUNK) {
            int to = Math.min(total, from + CHUNK);
            DerivativeStructure loss = sequenceLoss(lossCell, data, variables, carry, from, to);
            int[] orders = new int[to - from];
            for (int i = from; i < to; i++) {
                orders[i - from] = 1;
                grad[i] = loss.getPartialDerivative(orders);
                orders[i - from] = 0;
            }
        }
        Map<String, Mat> out = new LinkedHashMap<>();
        int first = 0;
        for (Map.Entry<String, Mat> v : variables.entrySet()) {
            Mat m = v.getValue();
            double[] g = new double[m.rows() * m.cols()];
            System.arraycopy(grad, first, g, 0, g.length);
            out.put(v.getKey(), Mat.of(m.rows(), m.cols(), g));
            first += g.length;
        }
        return out;
    }

    private static DerivativeStructure sequenceLoss(Cell cell, SequenceData data, Map<String, Mat> variables,
                                                    double[] carry, int from, int to) {
        int free = to - from;
        Map<String, DsMat> lifted = new LinkedHashMap<>();
        int first = 0;
        for (Map.Entry<String, Mat> v : variables.entrySet()) {
            lifted.put(v.getKey(), DsMat.lift(v.getValue(), free, first, from, to));
            first += v.getValue().rows() * v.getValue().cols();
        }
        Map<String, DsMat> states = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            states.put(s.name(), lifted.get(s.name()));
        }
        DerivativeStructure total = new DerivativeStructure(free, 1, 0.0);
        for (int t = 0; t < data.steps(); t++) {
            Map<String, DsMat> bindings = new LinkedHashMap<>();
            for (Cell.Param p : cell.params()) {
                bindings.put(p.name(), lifted.get(p.name()));
            }
            for (Map.Entry<String, DsMat> s : states.entrySet()) {
                bindings.put(s.getKey(), blend(s.getValue(), carry[t]));
            }
            for (Map.Entry<String, Mat> in : data.inputs().get(t).entrySet()) {
                DsMat x = lifted.get(SequenceData.inputVariable(in.getKey(), t));
                bindings.put(in.getKey(), x != null ? x
                        : DsMat.constant(in.getValue().rows(), in.getValue().cols(), free, in.getValue().data()));
            }
            DsMat[] values = evaluate(cell.graph(), bindings, free, data.noise(), t);
            total = total.add(values[cell.output(LossCell.LOSS).node()].get(0, 0));
            Map<String, DsMat> next = new LinkedHashMap<>();
            for (Cell.State s : cell.states()) {
                next.put(s.name(), values[s.next()]);
            }
            states = next;
        }
        return total.divide(data.steps());
    }

    /** The state entering a step: unchanged in value, its derivatives scaled by the carry factor. */
    private static DsMat blend(DsMat s, double carry) {
        if (carry == 1.0) {
            return s;
        }
        return s.map(v -> carry == 0.0 ? s.scalar(v.getValue())
                : v.subtract(v.getValue()).multiply(carry).add(v.getValue()));
    }

    private static DsMat[] evaluate(Graph g, Map<String, DsMat> bindings, int free, Noise noise, int step) {
        int batch = batchOf(g, bindings);
        DsMat[] values = new DsMat[g.size()];
        for (Node n : g.nodes()) {
            values[n.id()] = switch (n.op()) {
                case INPUT, STATE, PARAM -> bound(n, bindings);
                case CONST -> constant(n, batch, free);
                case MATMUL, MATMUL_NT, MATMUL_TN, ADD, SUB, MUL, DIV, SELECT, ADD_BIAS, NEG, SCALE, TANH, SIGMOID,
                        RELU, STEP, EXP, LOG, SQRT, DETACH, CONCAT, SLICE, PAD, SUM_ROWS, SUM_COLS, MEAN_ROWS,
                        MEAN_COLS,
                        BROADCAST_ROWS, SPREAD_ROWS, BROADCAST_COLS, SOFTMAX, ONE_HOT, SOFTMAX_CE, DROPOUT, ZONEOUT ->
                        DsOps.apply(n, operands(n, values), batch, noise, step);
            };
        }
        return values;
    }

    private static DsMat[] operands(Node n, DsMat[] values) {
        List<DsMat> in = new ArrayList<>(n.inputs().size());
        for (int id : n.inputs()) {
            in.add(values[id]);
        }
        return in.toArray(DsMat[]::new);
    }

    private static DsMat bound(Node n, Map<String, DsMat> bindings) {
        DsMat m = bindings.get(n.label());
        if (m == null) {
            throw new UnrollException("forward oracle: no value bound for " + n.op().mnemonic() + " '" + n.label()
                    + "'");
        }
        return m;
    }

    private static DsMat constant(Node n, int batch, int free) {
        int rows = n.shape().rowsFor(batch);
        double[] v = new double[rows * n.shape().cols()];
        Arrays.fill(v, n.attrs().scalar());
        return DsMat.constant(rows, n.shape().cols(), free, v);
    }

    private static int batchOf(Graph g, Map<String, DsMat> bindings) {
        for (Node n : g.nodes()) {
            DsMat m = n.op().isLeaf() && n.shape().batched() ? bindings.get(n.label()) : null;
            if (m != null) {
                return m.rows;
            }
        }
        return 1;
    }
}
