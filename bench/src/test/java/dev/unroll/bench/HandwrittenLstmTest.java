package dev.unroll.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The baseline must compute what the library computes, or its timings mean nothing. */
class HandwrittenLstmTest {

    private static final String[] GATES = {"i", "f", "o", "c"};

    @Test
    void lossAndGradientsMatchTheReferenceInterpreter() {
        int v = 5;
        int h = 3;
        int steps = 4;
        int batch = 2;
        HandwrittenLstm lstm = new HandwrittenLstm(v, h, steps, batch, 1);
        Random rng = new Random(2);
        int[] x = new int[steps * batch];
        int[] y = new int[steps * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(v);
            y[i] = rng.nextInt(v);
        }
        float loss = lstm.forward(x, y);
        lstm.backward(x, y);

        Program p = Planner.plan(Model.of(Encoding.oneHot(v)).layer(Layer.lstm(h)).head(Head.everyStep(v)).build());
        Map<String, Mat> params = new LinkedHashMap<>();
        for (int g = 0; g < 4; g++) {
            params.put("l0__W_x" + GATES[g], columns(lstm.wx, v, 4 * h, g * h, h));
            params.put("l0__W_h" + GATES[g], columns(lstm.wh, h, 4 * h, g * h, h));
            params.put("l0__b_" + GATES[g], columns(lstm.b, 1, 4 * h, g * h, h));
        }
        params.put("W_hq", columns(lstm.wq, h, v, 0, v));
        params.put("b_q", columns(lstm.bq, 1, v, 0, v));
        ProgramRunner.Result ref = ProgramRunner.run(p, column(x, steps, batch), column(y, steps, batch), Map.of(),
                params, Truncation.full().carry(steps, 0));

        assertEquals(ref.loss(), loss, 1e-5);
        for (int g = 0; g < 4; g++) {
            assertClose(ref.paramGrads().get("l0__W_h" + GATES[g]), columns(lstm.gwh, h, 4 * h, g * h, h));
            assertClose(ref.paramGrads().get("l0__W_x" + GATES[g]), columns(lstm.gwx, v, 4 * h, g * h, h));
            assertClose(ref.paramGrads().get("l0__b_" + GATES[g]), columns(lstm.gb, 1, 4 * h, g * h, h));
        }
        assertClose(ref.paramGrads().get("W_hq"), columns(lstm.gwq, h, v, 0, v));
        assertClose(ref.paramGrads().get("b_q"), columns(lstm.gbq, 1, v, 0, v));
    }

    private static void assertClose(Mat expected, Mat actual) {
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                assertEquals(expected.get(i, j), actual.get(i, j), 1e-5, "element " + i + "," + j);
            }
        }
    }

    private static Mat columns(float[] a, int rows, int width, int from, int count) {
        double[] d = new double[rows * count];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < count; c++) {
                d[r * count + c] = a[r * width + from + c];
            }
        }
        return Mat.of(rows, count, d);
    }

    private static List<Mat> column(int[] tokens, int steps, int batch) {
        List<Mat> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            double[] d = new double[batch];
            for (int r = 0; r < batch; r++) {
                d[r] = tokens[t * batch + r];
            }
            out.add(Mat.of(batch, 1, d));
        }
        return out;
    }
}
