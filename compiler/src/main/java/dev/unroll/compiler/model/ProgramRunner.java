package dev.unroll.compiler.model;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Program} on the reference backend, with values as matrices keyed by name: the one
 * {@link ProgramExecutor} over {@link InterpretedKernel}s, so that the reference path drives the scans exactly as
 * compiled models do while computing every step with the interpreter. It is the oracle that compiled models are
 * checked against, and the entry point of gradient checks (parameters keyed by {@link ParamRef#text()}, as
 * {@link ParamStore#mats()} gives them).
 */
public final class ProgramRunner {

    /** Loss, head outputs per time step, final states and gradients of a run. */
    public record Result(double loss, List<Mat> outputs, Map<String, Mat> finalStates, Map<String, Mat> paramGrads,
                         Map<String, Mat> initialStateGrads) {
    }

    /** Every scan's outputs by time step (in time order, also for reverse scans) and the final states. */
    public record Forward(List<List<Map<String, Mat>>> outputs, Map<String, Mat> finalStates) {
    }

    private ProgramRunner() {
    }

    /**
     * Loss and gradients for one minibatch: {@code x.get(t)} and {@code targets.get(t)} are step t's data;
     * {@code states} may supply initial states by name (the others start at zeros or their learned value).
     */
    public static Result run(Program program, List<Mat> x, List<Mat> targets, Map<String, Mat> states,
                             Map<String, Mat> params, double[] carry) {
        Require.notNull(carry, "ProgramRunner.run", "carry");
        Run r = start(program, x, targets, states, params, "ProgramRunner.run");
        if (carry.length != x.size()) {
            throw new UnrollException("a minibatch of " + x.size() + " steps needs " + x.size() + " carry factors,"
                    + " got " + carry.length);
        }
        r.executor.backward(carry);
        List<Mat> predictions = new ArrayList<>();
        for (int t = 0; t < x.size(); t++) {
            predictions.add(r.mat(r.executor.output(t)));
        }
        return new Result(r.loss, predictions, r.mats(r.executor.finalStates()), r.executor.gradients().mats(),
                r.mats(r.executor.initialStateGradients()));
    }

    /** The forward pass alone. */
    public static Forward forward(Program program, List<Mat> x, List<Mat> targets, Map<String, Mat> states,
                                  Map<String, Mat> params) {
        Run r = start(program, x, targets, states, params, "ProgramRunner.forward");
        List<List<Map<String, Mat>>> outs = new ArrayList<>();
        for (int k = 0; k < program.scans().size(); k++) {
            List<Map<String, Mat>> perStep = new ArrayList<>();
            for (int t = 0; t < x.size(); t++) {
                Map<String, Mat> step = new LinkedHashMap<>();
                for (Cell.Port o : program.scans().get(k).cell().outputs()) {
                    double[] flat = r.executor.output(k, o.name(), t);
                    step.put(o.name(), Mat.of(o.shape().rowsFor(r.batch), o.shape().cols(), flat));
                }
                perStep.add(step);
            }
            outs.add(perStep);
        }
        return new Forward(outs, r.mats(r.executor.finalStates()));
    }

    /** A forward run on a fresh reference executor, and its batch for turning flat values back into matrices. */
    private record Run(ProgramExecutor executor, double loss, int batch) {

        /** {@code flat} as a matrix of one row per batch element. */
        Mat mat(double[] flat) {
            return Mat.of(batch, flat.length / batch, flat);
        }

        Map<String, Mat> mats(Map<String, double[]> flat) {
            Map<String, Mat> out = new LinkedHashMap<>();
            flat.forEach((name, v) -> out.put(name, mat(v)));
            return out;
        }
    }

    private static Run start(Program program, List<Mat> x, List<Mat> targets, Map<String, Mat> states,
                             Map<String, Mat> params, String where) {
        Require.notNull(program, where, "program");
        Require.noNulls(x, where, "x");
        Require.noNulls(targets, where, "targets");
        Require.notNull(states, where, "states");
        Require.notNull(params, where, "params");
        if (x.isEmpty() || targets.size() != x.size()) {
            throw new UnrollException(where + ": a minibatch needs at least 1 step and one target per step, got "
                    + x.size() + " inputs and " + targets.size() + " targets");
        }
        int batch = x.get(0).rows();
        ProgramExecutor executor = ProgramExecutor.reference(program, x.size(), batch);
        executor.setParameters(ParamStore.of(program, params, where + " params"));
        Map<String, double[]> flatStates = new LinkedHashMap<>();
        states.forEach((name, m) -> flatStates.put(name, m.data()));
        double loss = executor.forward(flat(x), flat(targets), flatStates, batch);
        return new Run(executor, loss, batch);
    }

    private static double[][] flat(List<Mat> steps) {
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < out.length; t++) {
            out[t] = steps.get(t).data();
        }
        return out;
    }
}
