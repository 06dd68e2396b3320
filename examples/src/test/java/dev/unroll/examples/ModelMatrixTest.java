package dev.unroll.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.ProgramRunner;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.examples.cells.MinimalGatedUnit;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of {RNN, LSTM, GRU, a custom cell} × {1, 2, 3 layers} × {unidirectional, bidirectional}: the
 * reference gradients agree with central differences, and the generated code agrees with the reference.
 */
class ModelMatrixTest {

    private static final int VOCAB = 4;
    private static final int HIDDEN = 2;
    private static final int STEPS = 3;
    private static final int BATCH = 2;

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        Map<String, IntFunction<Cell>> cells = new LinkedHashMap<>();
        cells.put("rnn", in -> Cells.rnn(in, HIDDEN));
        cells.put("lstm", in -> Cells.lstm(in, HIDDEN));
        cells.put("gru", in -> Cells.gru(in, HIDDEN));
        cells.put("mgu", in -> MinimalGatedUnit.cell(in, HIDDEN));
        cells.forEach((name, factory) -> {
            for (int layers = 1; layers <= 3; layers++) {
                for (boolean bi : new boolean[] {false, true}) {
                    out.add(Arguments.of(name + " ×" + layers + (bi ? " bidirectional" : ""), factory, layers, bi));
                }
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void referenceMatchesFiniteDifferencesAndGeneratedCodeMatchesReference(String name, IntFunction<Cell> cell,
                                                                            int layers, boolean bidirectional) {
        Layer layer = bidirectional ? Layer.bidirectional(cell) : Layer.of(cell);
        Program program = Planner.plan(Model.of(Encoding.oneHot(VOCAB)).layers(layers, layer)
                .head(Head.everyStep(VOCAB)).build());
        Random rng = new Random(name.hashCode());
        List<Mat> x = tokens(rng);
        List<Mat> y = tokens(rng);
        Map<String, Mat> params = ParamStore.initialize(program, 17).mats();
        double[] carry = Truncation.full().carry(STEPS, 0);
        ProgramRunner.Result ref = ProgramRunner.run(program, x, y, Map.of(), params, carry);

        checkFiniteDifferences(name, program, x, y, params, carry, ref, rng);

        ProgramExecutor ex = CompiledProgram.compile(program, Options.float64().maxSteps(STEPS).maxBatch(BATCH))
                .newExecutor();
        ex.setParameters(ParamStore.of(program, params, "the reference run"));
        double loss = ex.forward(columns(x), columns(y), Map.of(), BATCH);
        ex.backward(carry);
        assertEquals(ref.loss(), loss, 1e-12 * Math.abs(ref.loss()), name + " loss");
        ParamStore grads = ex.gradients();
        assertEquals(ref.paramGrads().keySet(), Set.copyOf(grads.names()), name + " parameters");
        ref.paramGrads().forEach((k, g) -> {
            double[] a = g.data();
            double[] b = grads.values(grads.names().indexOf(k));
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-10 * Math.max(1e-3, Math.abs(a[i])), name + " " + k + "[" + i + "]");
            }
        });
    }

    /** Central differences on a sample of elements of every parameter. */
    private static void checkFiniteDifferences(String name, Program program, List<Mat> x, List<Mat> y,
                                               Map<String, Mat> params, double[] carry, ProgramRunner.Result ref,
                                               Random rng) {
        double h = 1e-5;
        for (Map.Entry<String, Mat> e : params.entrySet()) {
            double[] d = e.getValue().data();
            int i = rng.nextInt(d.length);
            double keep = d[i];
            d[i] = keep + h;
            double up = ProgramRunner.run(program, x, y, Map.of(), with(params, e, d), carry).loss();
            d[i] = keep - h;
            double down = ProgramRunner.run(program, x, y, Map.of(), with(params, e, d), carry).loss();
            double numeric = (up - down) / (2 * h);
            double analytic = ref.paramGrads().get(e.getKey()).data()[i];
            double err = Math.abs(numeric - analytic) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic));
            assertTrue(err < 1e-6, name + " " + e.getKey() + "[" + i + "]: analytic " + analytic + ", numeric "
                    + numeric);
        }
    }

    private static Map<String, Mat> with(Map<String, Mat> params, Map.Entry<String, Mat> e, double[] d) {
        Map<String, Mat> out = new LinkedHashMap<>(params);
        out.put(e.getKey(), Mat.of(e.getValue().rows(), e.getValue().cols(), d));
        return out;
    }

    private static List<Mat> tokens(Random rng) {
        List<Mat> out = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            double[] d = new double[BATCH];
            for (int b = 0; b < BATCH; b++) {
                d[b] = rng.nextInt(VOCAB);
            }
            out.add(Mat.of(BATCH, 1, d));
        }
        return out;
    }

    private static double[][] columns(List<Mat> steps) {
        double[][] out = new double[steps.size()][];
        for (int t = 0; t < steps.size(); t++) {
            out[t] = steps.get(t).data();
        }
        return out;
    }
}
