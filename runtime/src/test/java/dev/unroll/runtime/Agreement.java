package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.model.CompiledProgram;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a compiled kernel agrees with the reference interpreter ({@link Bptt#loss}) on the loss, every
 * output, the final states and every gradient. Each tensor is compared norm-wise,
 * {@code max|actual − expected| ≤ tolerance · max(max|expected|, FLOOR)}: relative to the tensor's largest
 * magnitude, except that a tensor whose values are all tiny (the residue of O(1) terms that cancel, such as a
 * gradient through a batch mean over one row) is held to the absolute error {@code tolerance · FLOOR}. For a
 * program's executors ({@link #maskedRun}), each value is held to {@code tolerance · max(1, |expected|)}.
 */
final class Agreement {

    /** float64 kernels must agree to this relative tolerance. */
    static final double FLOAT64 = 1e-10;

    /** float32 kernels must agree to this relative tolerance (see docs/CODEGEN.md for why). */
    static final double FLOAT32 = 1e-4;

    /** Magnitudes below this count as this much: the data and parameters of the tests are O(1). */
    static final double FLOOR = 1e-2;

    /** The capacity every test kernel is compiled for, so a cell's source does not depend on the case. */
    static final int MAX_STEPS = 6;
    static final int MAX_BATCH = 4;

    private Agreement() {
    }

    static double tolerance(Dtype dtype) {
        return dtype == Dtype.FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** Compiles {@code scenario} and checks it against the interpreter on one random run. */
    static void check(Scenario scenario, Dtype dtype, Truncation truncation, int steps, int batch, long seed) {
        check(scenario, dtype, truncation, steps, batch, seed, Passes.ALL);
    }

    /** As {@link #check(Scenario, Dtype, Truncation, int, int, long)}, with only {@code passes} in the emitter. */
    static void check(Scenario scenario, Dtype dtype, Truncation truncation, int steps, int batch, long seed,
                      Passes passes) {
        CompiledModel model = compile(scenario, Options.float64().dtype(dtype).truncation(truncation)
                .maxSteps(MAX_STEPS).maxBatch(MAX_BATCH), passes);
        check(model, scenario, steps, batch, seed);
    }

    /** Checks {@code model}, compiled from {@code scenario}, against the interpreter on one random run. */
    static void check(CompiledModel model, Scenario scenario, int steps, int batch, long seed) {
        check(model, scenario, steps, batch, seed, Noise.EVALUATION);
    }

    /** As {@link #check(CompiledModel, Scenario, int, int, long)}, both sides run with randomness {@code noise}. */
    static void check(CompiledModel model, Scenario scenario, int steps, int batch, long seed, Noise noise) {
        model.kernel().setNoise(noise.key(), noise.firstRow(), noise.training());
        Dtype dtype = model.options().dtype();
        Truncation truncation = model.options().truncation();
        Scenario.Data data = scenario.data(steps, batch, seed);
        double[] carry = model.carry(steps, seed);
        Bptt.LossResult expected = Bptt.loss(Autodiff.adjoint(scenario.cell(), List.of(LossCell.LOSS)),
                data.inputs(), data.states(), data.params(), carry, noise);
        Bptt.LossResult actual = model.loss(data.inputs(), data.states(), data.params(), carry);
        String where = scenario + " " + dtype + " " + truncation + " T=" + steps + " B=" + batch + " seed=" + seed
                + " " + noise;
        same(where, expected, actual, tolerance(dtype));
    }

    /** Compiles {@code scenario} with {@code options}, but only {@code passes} in the emitter. */
    static CompiledModel compile(Scenario scenario, Options options, Passes passes) {
        return Unroll.compile(scenario.cell(), options.passes(passes));
    }

    /** Asserts that two BPTT results agree tensor by tensor. */
    static void same(String where, Bptt.LossResult expected, Bptt.LossResult actual, double tolerance) {
        close(where + ": loss", Mat.of(1, 1, expected.loss()), Mat.of(1, 1, actual.loss()), tolerance);
        Bptt.Result e = expected.result();
        Bptt.Result a = actual.result();
        for (int t = 0; t < e.forward().outputs().size(); t++) {
            close(where + ": outputs at step " + t, e.forward().outputs().get(t), a.forward().outputs().get(t),
                    tolerance);
            close(where + ": input gradients at step " + t, e.gradients().inputs().get(t),
                    a.gradients().inputs().get(t), tolerance);
        }
        close(where + ": final states", e.forward().finalStates(), a.forward().finalStates(), tolerance);
        close(where + ": parameter gradients", e.gradients().params(), a.gradients().params(), tolerance);
        close(where + ": initial-state gradients", e.gradients().initialStates(), a.gradients().initialStates(),
                tolerance);
    }

    static void close(String what, Map<String, Mat> expected, Map<String, Mat> actual, double tolerance) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": names");
        for (String name : expected.keySet()) {
            close(what + " '" + name + "'", expected.get(name), actual.get(name), tolerance);
        }
    }

    static void close(String what, Mat expected, Mat actual, double tolerance) {
        assertEquals(expected.rows() + "×" + expected.cols(), actual.rows() + "×" + actual.cols(), what + ": shape");
        double scale = 0;
        double error = 0;
        double[] e = expected.data();
        double[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            scale = Math.max(scale, Math.abs(e[i]));
            error = Math.max(error, Math.abs(a[i] - e[i]));
        }
        if (!(error <= tolerance * Math.max(scale, FLOOR))) {
            fail(what + ": max error " + error + " exceeds " + tolerance + " × max(max |expected| " + scale + ", "
                    + FLOOR + ")"
                    + "\n expected " + expected + "\n actual   " + actual);
        }
    }

    /**
     * One masked forward and backward of {@code e} with {@code params} over {@code batch} rows of {@code lengths}:
     * the loss, every parameter's gradient, the final states and the head's outputs at each row's last valid step,
     * by name, in a fixed order.
     */
    static Map<String, double[]> maskedRun(ProgramExecutor e, ParamStore params, double[][] x, double[][] y,
                                           int[] lengths, double[] carry) {
        return run(e, params, ex -> ex.forward(x, y, Map.of(), lengths.length, lengths), carry);
    }

    /** {@link #maskedRun} with the forward pass {@code forward} gives (an encoder–decoder's, say). */
    static Map<String, double[]> run(ProgramExecutor e, ParamStore params,
                                     java.util.function.ToDoubleFunction<ProgramExecutor> forward, double[] carry) {
        e.setParameters(params);
        Map<String, double[]> run = new LinkedHashMap<>();
        run.put("loss", new double[] {forward.applyAsDouble(e)});
        e.backward(carry);
        ParamStore g = e.gradients();
        for (int i = 0; i < g.size(); i++) {
            run.put("gradient of " + g.names().get(i), g.values(i).clone());
        }
        e.finalStates().forEach((name, v) -> run.put("final state " + name, v.clone()));
        run.put("outputs at the last valid steps", e.outputsAtLastValidStep());
        return run;
    }

    /** Asserts that two {@link #maskedRun}s agree value by value, to {@code tolerance · max(1, |expected|)}. */
    /** The reference executor of {@code program} and its generated float64 one, for up to {@code steps × batch}. */
    static ProgramExecutor[] referenceAndGenerated(Program program, int steps, int batch) {
        return new ProgramExecutor[] {ProgramExecutor.reference(program, steps, batch),
            CompiledProgram.compile(program, Options.float64().maxSteps(steps).maxBatch(batch)).newExecutor()};
    }

    static void sameRuns(Map<String, double[]> expected, Map<String, double[]> actual, double tolerance,
                         String where) {
        assertEquals(expected.keySet(), actual.keySet(), where);
        expected.forEach((name, e) -> {
            double[] a = actual.get(name);
            assertEquals(e.length, a.length, name + " of " + where);
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), name + " [" + i + "] of " + where);
            }
        });
    }
}
