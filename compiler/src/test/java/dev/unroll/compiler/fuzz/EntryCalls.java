package dev.unroll.compiler.fuzz;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.OpSemantics;
import dev.unroll.compiler.interp.ParamInit;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.unroll.Unroller;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.random.Well19937c;

/**
 * The entry points beyond the IR: matrices, initializers, the interpreter and its op rules, unrolling, BPTT and
 * sequence models, called with sizes, bindings and arguments that are often wrong. Sizes that pass validation are
 * small or overflow (see {@link Call#SIZES}), so no call asks for more memory than a test may use.
 */
final class EntryCalls {

    /** A standard cell with a loss, and its adjoint, for BPTT calls. */
    private static final Cell RNN = LossCell.attach(Cells.rnn(2, 3), "y", Loss.MEAN_SQUARED_ERROR);
    private static final Adjoint ADJOINT = Autodiff.adjoint(RNN, List.of(LossCell.LOSS));

    /** The number of call kinds. */
    static final int KINDS = 9;

    private final IrCalls ir;
    private final List<Mat> mats = new ArrayList<>(List.of(Mat.of(1, 1, 0.5), Mat.zeros(2, 3)));

    EntryCalls(IrCalls ir) {
        this.ir = ir;
    }

    /** Makes {@code call}. */
    void apply(Call k) {
        switch (Math.floorMod(k.kind(), KINDS)) {
            case 0 -> keep(Attempt.of("Mat", k, () -> mat(k)));
            case 1 -> Attempt.run("Mat methods", k, () -> matMethods(k));
            case 2 -> Attempt.run("Init and ParamInit", k, () -> ParamInit.draw(k.shape(), init(k), new Well19937c(1)));
            case 3 -> Attempt.run("Interpreter.evaluate", k, () -> evaluate(k));
            case 4 -> Attempt.run("OpSemantics.apply", k, () -> opRule(k));
            case 5 -> Attempt.run("Unroller.unroll", k, () -> Unroller.unroll(Call.pick(ir.cells, k.pick()),
                    Math.floorMod(k.pick2(), 5) - 1));
            case 6 -> Attempt.run("Bptt.loss", k, () -> bptt(k));
            case 7 -> Attempt.run("Model and Planner", k, () -> Planner.plan(model(k)));
            default -> Attempt.run("Interpreter.step", k, () -> step(k));
        }
    }

    private Mat mat(Call k) {
        return switch (Math.floorMod(k.pick(), 5)) {
            case 0 -> Mat.zeros(k.a(), k.b());
            case 1 -> Mat.of(k.a(), k.b(), Math.floorMod(k.c(), 6) == 0 ? null : new double[Math.floorMod(k.c(), 7)]);
            case 2 -> Mat.rows(new double[Math.floorMod(k.a(), 4)], new double[Math.floorMod(k.b(), 4)]);
            case 3 -> Mat.rows((double[][]) null);
            default -> Mat.rows(new double[] {k.number()}, null);
        };
    }

    private void matMethods(Call k) {
        Mat m = Call.pick(mats, k.pick());
        switch (Math.floorMod(k.pick2(), 4)) {
            case 0 -> m.get(k.a() - 1, k.b() - 1);
            case 1 -> m.plus(Math.floorMod(k.c(), 3) == 0 ? null : Call.pick(mats, k.pick2()));
            case 2 -> m.fits(k.shape(), k.a());
            default -> m.times(k.number());
        }
    }

    private static Init init(Call k) {
        return switch (Math.floorMod(k.pick(), 7)) {
            case 0 -> null;
            case 1 -> Init.uniform(k.number(), -k.number());
            case 2 -> Init.normal(k.number(), k.number());
            case 3 -> new Init.XavierUniform(k.number());
            case 4 -> new Init.XavierNormal(k.number());
            case 5 -> Init.constant(k.number());
            default -> Init.xavier();
        };
    }

    private void evaluate(Call k) {
        Graph g = Call.pick(ir.graphs, k.pick());
        if (g == null || Exercise.small(g, largestBatch())) {
            Map<String, Mat> bindings = g == null || Math.floorMod(k.b(), 4) == 0 ? bindings(k)
                    : Exercise.leaves(g, 1 + Math.floorMod(k.c(), 3), new Random(k.pick2()), null);
            Interpreter.evaluate(g, bindings);
        }
    }

    private void step(Call k) {
        Cell cell = Call.pick(ir.cells, k.pick());
        if (cell == null || Exercise.small(cell.graph(), largestBatch())) {
            Interpreter.step(cell, bindings(k), Map.of(), Math.floorMod(k.c(), 5) == 0 ? null : Map.of());
        }
    }

    /** The most rows of a matrix made so far: the largest batch a binding can give. */
    private int largestBatch() {
        return mats.stream().mapToInt(Mat::rows).max().orElse(1);
    }

    /** Bindings by the names of the leaves of a made graph, with matrices picked among those made so far. */
    private Map<String, Mat> bindings(Call k) {
        if (Math.floorMod(k.c(), 7) == 0) {
            return null;
        }
        Map<String, Mat> out = new HashMap<>();
        int i = k.pick2();
        for (Node n : ir.nodes) {
            if (n.hasLabel()) {
                out.put(n.label(), Call.pick(mats, i++));
            }
        }
        return out;
    }

    private void opRule(Call k) {
        List<Node> ops = ir.nodes.stream().filter(x -> !x.op().isLeaf()).toList();
        Node n = Math.floorMod(k.b(), 11) == 0 || ops.isEmpty() ? Call.pick(ir.nodes, k.pick())
                : Call.pick(ops, k.pick());
        int batch = k.a();
        if (n != null && (long) n.shape().rowsFor(Math.abs(batch)) * n.shape().cols() > (1 << 20)) {
            return; // a valid but large value: allocating it would only test the memory of this machine
        }
        Mat[] in = n == null ? null : new Mat[Math.floorMod(k.b(), 7) == 0 ? 1 : n.inputs().size()];
        for (int i = 0; in != null && i < in.length; i++) {
            in[i] = Math.floorMod(k.c() + i, 9) == 0 ? null : operand(n, i, batch, k.pick2() + i);
        }
        OpSemantics.apply(n, in, batch);
    }

    /** Mostly a value of the shape input {@code i} of {@code n} has, else a matrix made so far. */
    private Mat operand(Node n, int i, int batch, int pick) {
        int id = i < n.inputs().size() ? n.input(i) : -1;
        if (Math.floorMod(pick, 5) == 0 || id < 0 || id >= ir.nodes.size() || batch < 1) {
            return Call.pick(mats, pick);
        }
        Shape s = ir.nodes.get(id).shape();
        long elements = (long) s.rowsFor(batch) * s.cols();
        return elements > Exercise.MAX_VALUE_ELEMENTS ? Call.pick(mats, pick) : Mat.zeros(s.rowsFor(batch), s.cols());
    }

    private void bptt(Call k) {
        int steps = Math.floorMod(k.pick(), 3);
        List<Map<String, Mat>> inputs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            inputs.add(Map.of("x", Mat.zeros(2, 2), "target__y", Mat.zeros(2, 3)));
        }
        Map<String, Mat> params = Map.of("W_xh", Mat.zeros(2, 3), "W_hh", Mat.zeros(3, 3), "b_h", Mat.zeros(1, 3));
        double[] carry = new double[Math.floorMod(k.pick2(), 3)];
        Arrays.fill(carry, 1.0);
        switch (Math.floorMod(k.c(), 4)) {
            case 0 -> Bptt.loss(ADJOINT, null, Map.of("h", Mat.zeros(2, 3)), params, carry);
            case 1 -> Bptt.loss(null, inputs, Map.of("h", Mat.zeros(2, 3)), params, carry);
            case 2 -> Bptt.loss(ADJOINT, inputs, Map.of(), params, carry);
            default -> Bptt.loss(ADJOINT, inputs, Map.of("h", Mat.zeros(2, 3)), params, carry);
        }
    }

    private static Model model(Call k) {
        Encoding encoding = switch (Math.floorMod(k.pick(), 4)) {
            case 0 -> Encoding.oneHot(k.a());
            case 1 -> Encoding.embedding(k.a(), k.b());
            case 2 -> null;
            default -> Encoding.features(k.a());
        };
        Layer layer = switch (Math.floorMod(k.pick2(), 6)) {
            case 0 -> null;
            case 1 -> Layer.of(in -> null);
            case 2 -> Layer.gru(k.b()).bidirectional();
            case 3 -> Layer.lstm(k.b());
            default -> Layer.rnn(k.b());
        };
        Head head = Math.floorMod(k.c(), 5) == 0 ? null : k.c() > 0 ? Head.everyStep(k.c()) : Head.lastStep(k.c());
        return Model.of(encoding).layers(Math.floorMod(k.pick(), 7) == 0 ? k.c() : 1, layer).head(head).build();
    }

    private void keep(Mat m) {
        if (m != null) {
            mats.add(m);
        }
    }
}
