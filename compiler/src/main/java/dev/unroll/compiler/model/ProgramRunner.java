package dev.unroll.compiler.model;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.ParamInit;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;

/**
 * Runs a {@link Program} on the reference interpreter: the forward pass scan by scan, then BPTT scan by scan in
 * reverse order, each scan's output adjoints gathered from the input adjoints of the scans that read it. It is
 * the oracle that compiled models are checked against.
 */
public final class ProgramRunner {

    /** Loss, head outputs per time step, final states and gradients of a run. */
    public record Result(double loss, List<Mat> outputs, Map<String, Mat> finalStates, Map<String, Mat> paramGrads,
                         Map<String, Mat> initialStateGrads) {
    }

    private ProgramRunner() {
    }

    /** The name of the learned initial value of a state. */
    public static String initName(String state) {
        return Names.derived(state, "init");
    }

    /** Every parameter of the program (and learned initial states), drawn from one seeded generator. */
    public static Map<String, Mat> initialize(Program program, long seed) {
        Map<String, Mat> out = new LinkedHashMap<>();
        Well19937c rng = new Well19937c(seed);
        for (Program.Scan s : program.scans()) {
            for (Cell.Param p : s.cell().params()) {
                out.put(p.name(), ParamInit.draw(p.shape(), p.init(), rng));
            }
            if (program.model().initialState() == InitialState.LEARNED) {
                for (Cell.State st : s.cell().states()) {
                    out.put(initName(st.name()), Mat.zeros(1, st.shape().cols()));
                }
            }
        }
        return out;
    }

    /** The shape {@code {rows, cols}} of every parameter {@link #initialize} draws, by name, in the same order. */
    public static Map<String, int[]> parameterShapes(Program program) {
        Require.notNull(program, "ProgramRunner.parameterShapes", "program");
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Program.Scan s : program.scans()) {
            for (Cell.Param p : s.cell().params()) {
                out.put(p.name(), new int[] {p.shape().rows(), p.shape().cols()});
            }
            if (program.model().initialState() == InitialState.LEARNED) {
                for (Cell.State st : s.cell().states()) {
                    out.put(initName(st.name()), new int[] {1, st.shape().cols()});
                }
            }
        }
        return out;
    }

    /**
     * Loss and gradients for one minibatch: {@code x.get(t)} and {@code targets.get(t)} are step t's data;
     * {@code states} may supply initial states by name (the others start at zeros or their learned value).
     */
    public static Result run(Program program, List<Mat> x, List<Mat> targets, Map<String, Mat> states,
                             Map<String, Mat> params, double[] carry) {
        Require.notNull(program, "ProgramRunner.run", "program");
        Require.notNull(x, "ProgramRunner.run", "x");
        Require.notNull(targets, "ProgramRunner.run", "targets");
        Require.notNull(states, "ProgramRunner.run", "states");
        Require.notNull(params, "ProgramRunner.run", "params");
        Require.notNull(carry, "ProgramRunner.run", "carry");
        int steps = x.size();
        if (targets.size() != steps || carry.length != steps) {
            throw new UnrollException("a minibatch of " + steps + " steps needs " + steps + " targets and carry"
                    + " factors, got " + targets.size() + " and " + carry.length);
        }
        Forward f = forward(program, x, targets, states, params);
        return backward(program, f.outputs(), f.initialStates(), x, targets, params, carry, f.finalStates());
    }

    /** Every scan's outputs by time step (in time order, also for reverse scans), and the states. */
    public record Forward(List<List<Map<String, Mat>>> outputs, List<Map<String, Mat>> initialStates,
                          Map<String, Mat> finalStates) {
    }

    /** The forward pass alone. */
    public static Forward forward(Program program, List<Mat> x, List<Mat> targets, Map<String, Mat> states,
                                  Map<String, Mat> params) {
        Require.notNull(program, "ProgramRunner.forward", "program");
        Require.notNull(x, "ProgramRunner.forward", "x");
        Require.notNull(targets, "ProgramRunner.forward", "targets");
        Require.notNull(states, "ProgramRunner.forward", "states");
        Require.notNull(params, "ProgramRunner.forward", "params");
        if (x.isEmpty()) {
            throw new UnrollException("ProgramRunner.forward: a minibatch needs at least 1 step, got 0 inputs");
        }
        int batch = x.get(0).rows();
        List<List<Map<String, Mat>>> outs = new ArrayList<>();
        List<Map<String, Mat>> h0 = new ArrayList<>();
        Map<String, Mat> finalStates = new LinkedHashMap<>();
        for (Program.Scan scan : program.scans()) {
            Map<String, Mat> init = initialStates(program, scan, states, params, batch);
            h0.add(init);
            Interpreter.Run r = Interpreter.run(scan.cell(), stepInputs(program, scan, outs, x, targets), init,
                    scanParams(scan, params));
            outs.add(inTimeOrder(scan, r.outputs()));
            finalStates.putAll(r.finalStates());
        }
        return new Forward(outs, h0, finalStates);
    }

    private static Result backward(Program program, List<List<Map<String, Mat>>> outs, List<Map<String, Mat>> h0,
                                   List<Mat> x, List<Mat> targets, Map<String, Mat> params, double[] carry,
                                   Map<String, Mat> finalStates) {
        int steps = x.size();
        int last = program.scans().size() - 1;
        List<List<Map<String, Mat>>> seeds = new ArrayList<>();
        for (int k = 0; k <= last; k++) {
            List<Map<String, Mat>> perStep = new ArrayList<>();
            for (int t = 0; t < steps; t++) {
                perStep.add(new HashMap<>());
            }
            seeds.add(perStep);
        }
        boolean lastOnly = program.model().head().lastStepOnly();
        for (int t = 0; t < steps; t++) {
            double w = lastOnly ? (t == steps - 1 ? 1.0 : 0.0) : 1.0 / steps;
            seeds.get(last).get(t).put(LossCell.LOSS, Mat.of(1, 1, w));
        }
        Map<String, Mat> grads = new LinkedHashMap<>();
        Map<String, Mat> stateGrads = new LinkedHashMap<>();
        for (int k = last; k >= 0; k--) {
            Program.Scan scan = program.scans().get(k);
            List<String> seeded = k == last ? List.of(LossCell.LOSS) : List.of(Planner.LAYER_OUTPUT);
            Adjoint adj = Autodiff.adjoint(scan.cell(), seeded);
            List<Map<String, Mat>> stepSeeds = inStepOrder(scan, seeds.get(k));
            for (Map<String, Mat> s : stepSeeds) {
                for (String o : seeded) {
                    s.computeIfAbsent(o, n -> Mat.zeros(x.get(0).rows(), scan.cell().output(n).shape().cols()));
                }
            }
            Bptt.Result r = Bptt.run(adj, stepInputs(program, scan, outs, x, targets), h0.get(k),
                    scanParams(scan, params), stepSeeds, carry);
            grads.putAll(r.gradients().params());
            stateGrads.putAll(r.gradients().initialStates());
            routeInputGradients(program, scan, inTimeOrder(scan, r.gradients().inputs()), seeds);
        }
        if (program.model().initialState() == InitialState.LEARNED) {
            stateGrads.forEach((name, g) -> grads.put(initName(name), sumRows(g)));
        }
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            double w = lastOnly ? (t == steps - 1 ? 1.0 : 0.0) : 1.0 / steps;
            loss += w * outs.get(last).get(t).get(LossCell.LOSS).get(0, 0);
        }
        List<Mat> predictions = new ArrayList<>();
        for (Map<String, Mat> o : outs.get(last)) {
            predictions.add(o.get(Planner.HEAD_OUTPUT));
        }
        return new Result(loss, predictions, finalStates, grads, stateGrads);
    }

    /** Adds each scan input's adjoint, split by feed part, to the output adjoints of the scans that fed it. */
    private static void routeInputGradients(Program program, Program.Scan scan, List<Map<String, Mat>> inputGrads,
                                            List<List<Map<String, Mat>>> seeds) {
        for (Program.Feed f : scan.feeds()) {
            for (int t = 0; t < inputGrads.size(); t++) {
                Mat g = inputGrads.get(t).get(f.input());
                if (g == null) {
                    continue;
                }
                int offset = 0;
                for (Program.Part part : f.parts()) {
                    int width = part.isData() ? g.cols()
                            : program.scans().get(part.scan()).cell().output(part.name()).shape().cols();
                    if (!part.isData()) {
                        seeds.get(part.scan()).get(t).merge(part.name(), slice(g, offset, width), Mat::plus);
                    }
                    offset += width;
                }
            }
        }
    }

    private static List<Map<String, Mat>> stepInputs(Program program, Program.Scan scan,
                                                     List<List<Map<String, Mat>>> outs, List<Mat> x, List<Mat> y) {
        int steps = x.size();
        List<Map<String, Mat>> inTime = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Map<String, Mat> in = new LinkedHashMap<>();
            for (Program.Feed f : scan.feeds()) {
                List<Mat> parts = new ArrayList<>();
                for (Program.Part part : f.parts()) {
                    Mat m = part.isData() ? (part.name().equals(Program.TARGET) ? y.get(t) : x.get(t))
                            : outs.get(part.scan()).get(t).get(part.name());
                    parts.add(m);
                }
                in.put(f.input(), concat(parts));
            }
            inTime.add(in);
        }
        return inStepOrder(scan, inTime);
    }

    private static Map<String, Mat> initialStates(Program program, Program.Scan scan, Map<String, Mat> supplied,
                                                  Map<String, Mat> params, int batch) {
        Map<String, Mat> out = new LinkedHashMap<>();
        boolean learned = program.model().initialState() == InitialState.LEARNED;
        for (Cell.State s : scan.cell().states()) {
            Mat m = supplied.get(s.name());
            if (m == null) {
                m = learned ? broadcast(params.get(initName(s.name())), batch) : Mat.zeros(batch, s.shape().cols());
            }
            out.put(s.name(), m);
        }
        return out;
    }

    private static Map<String, Mat> scanParams(Program.Scan scan, Map<String, Mat> params) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Cell.Param p : scan.cell().params()) {
            Mat m = params.get(p.name());
            if (m == null) {
                throw new UnrollException("no value for parameter '" + p.name() + "'; initialize the model's"
                        + " parameters with ProgramRunner.initialize");
            }
            out.put(p.name(), m);
        }
        return out;
    }

    private static <T> List<T> inStepOrder(Program.Scan scan, List<T> inTime) {
        List<T> out = new ArrayList<>(inTime);
        if (scan.reverse()) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    private static <T> List<T> inTimeOrder(Program.Scan scan, List<T> inSteps) {
        return inStepOrder(scan, inSteps);
    }

    private static Mat concat(List<Mat> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int rows = parts.get(0).rows();
        int cols = parts.stream().mapToInt(Mat::cols).sum();
        double[] d = new double[rows * cols];
        int offset = 0;
        for (Mat m : parts) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < m.cols(); c++) {
                    d[r * cols + offset + c] = m.get(r, c);
                }
            }
            offset += m.cols();
        }
        return Mat.of(rows, cols, d);
    }

    private static Mat slice(Mat m, int offset, int width) {
        double[] d = new double[m.rows() * width];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < width; c++) {
                d[r * width + c] = m.get(r, offset + c);
            }
        }
        return Mat.of(m.rows(), width, d);
    }

    private static Mat broadcast(Mat row, int batch) {
        double[] d = new double[batch * row.cols()];
        for (int i = 0; i < d.length; i++) {
            d[i] = row.get(0, i % row.cols());
        }
        return Mat.of(batch, row.cols(), d);
    }

    private static Mat sumRows(Mat m) {
        double[] d = new double[m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                d[c] += m.get(r, c);
            }
        }
        return Mat.of(1, m.cols(), d);
    }
}
