package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Activation;
import dev.unroll.dsl.cells.Cells;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The interpreter runs the standard cells over a sequence exactly as their equations say: it agrees to 1e-12 with
 * the independent commons-math3 {@link Oracle} at every step and in the final states.
 */
class StandardCellsAgainstOracleTest {

    private static final int BATCH = 3;
    private static final int STEPS = 4;
    private static final int INPUT = 2;
    private static final int HIDDEN = 5;
    private static final double TOLERANCE = 1e-12;

    @Test
    void rnnWithTanh() {
        checkRnn(Cells.rnn(INPUT, HIDDEN), Math::tanh);
    }

    @Test
    void rnnWithRelu() {
        checkRnn(Cells.rnn(INPUT, HIDDEN, Activation.RELU), v -> Math.max(0, v));
    }

    @Test
    void lstm() {
        Cell cell = Cells.lstm(INPUT, HIDDEN);
        Random rnd = new Random(11);
        Map<String, Mat> params = paramsWithRandomBiases(cell, 12, rnd);
        List<Map<String, Mat>> xs = inputs(rnd);
        Map<String, Mat> initial = new LinkedHashMap<>();
        initial.put("h", random(BATCH, HIDDEN, rnd));
        initial.put("c", random(BATCH, HIDDEN, rnd));
        Interpreter.Run run = Interpreter.run(cell, xs, initial, params);

        RealMatrix h = Oracle.real(initial.get("h"));
        RealMatrix c = Oracle.real(initial.get("c"));
        for (int t = 0; t < STEPS; t++) {
            RealMatrix[] next = Oracle.lstm(Oracle.real(xs.get(t).get("x")), h, c, name -> Oracle.real(params.get(name)));
            h = next[0];
            c = next[1];
            assertClose(h, run.outputs().get(t).get("y"), "y at t=" + t);
        }
        assertClose(h, run.finalStates().get("h"), "final h");
        assertClose(c, run.finalStates().get("c"), "final c");
    }

    @Test
    void gru() {
        Cell cell = Cells.gru(INPUT, HIDDEN);
        Random rnd = new Random(21);
        Map<String, Mat> params = paramsWithRandomBiases(cell, 22, rnd);
        List<Map<String, Mat>> xs = inputs(rnd);
        Map<String, Mat> initial = Map.of("h", random(BATCH, HIDDEN, rnd));
        Interpreter.Run run = Interpreter.run(cell, xs, initial, params);

        RealMatrix h = Oracle.real(initial.get("h"));
        for (int t = 0; t < STEPS; t++) {
            h = Oracle.gru(Oracle.real(xs.get(t).get("x")), h, name -> Oracle.real(params.get(name)));
            assertClose(h, run.outputs().get(t).get("y"), "y at t=" + t);
        }
        assertClose(h, run.finalStates().get("h"), "final h");
    }

    @Test
    void parametersAreNamedAsInTheEquations() {
        assertEquals(List.of("W_xh", "W_hh", "b_h"), names(Cells.rnn(INPUT, HIDDEN)));
        assertEquals(List.of("W_xi", "W_hi", "b_i", "W_xf", "W_hf", "b_f", "W_xo", "W_ho", "b_o", "W_xc", "W_hc",
                "b_c"), names(Cells.lstm(INPUT, HIDDEN)));
        assertEquals(List.of("W_xr", "W_hr", "b_r", "W_xz", "W_hz", "b_z", "W_xh", "W_hh", "b_h"),
                names(Cells.gru(INPUT, HIDDEN)));
    }

    private static void checkRnn(Cell cell, DoubleUnaryOperator phi) {
        Random rnd = new Random(1);
        Map<String, Mat> params = paramsWithRandomBiases(cell, 2, rnd);
        List<Map<String, Mat>> xs = inputs(rnd);
        Map<String, Mat> initial = Map.of("h", random(BATCH, HIDDEN, rnd));
        Interpreter.Run run = Interpreter.run(cell, xs, initial, params);

        RealMatrix h = Oracle.real(initial.get("h"));
        for (int t = 0; t < STEPS; t++) {
            h = Oracle.rnn(Oracle.real(xs.get(t).get("x")), h, name -> Oracle.real(params.get(name)), phi);
            assertClose(h, run.outputs().get(t).get("y"), "y at t=" + t);
        }
        assertClose(h, run.finalStates().get("h"), "final h");
    }

    /** ParamInit's parameters, with the (zero-initialized) biases replaced so that a dropped bias would show. */
    private static Map<String, Mat> paramsWithRandomBiases(Cell cell, long seed, Random rnd) {
        Map<String, Mat> params = new LinkedHashMap<>(ParamInit.initialize(cell, seed));
        for (Cell.Param p : cell.params()) {
            if (p.name().startsWith("b_")) {
                params.put(p.name(), random(1, p.shape().cols(), rnd));
            }
        }
        return params;
    }

    private static List<Map<String, Mat>> inputs(Random rnd) {
        List<Map<String, Mat>> xs = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            xs.add(Map.of("x", random(BATCH, INPUT, rnd)));
        }
        return xs;
    }

    private static Mat random(int rows, int cols, Random rnd) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return Mat.of(rows, cols, d);
    }

    private static List<String> names(Cell cell) {
        return cell.params().stream().map(Cell.Param::name).toList();
    }

    private static void assertClose(RealMatrix expected, Mat actual, String what) {
        assertEquals(expected.getRowDimension(), actual.rows(), what + " rows");
        assertEquals(expected.getColumnDimension(), actual.cols(), what + " cols");
        for (int r = 0; r < actual.rows(); r++) {
            for (int c = 0; c < actual.cols(); c++) {
                assertEquals(expected.getEntry(r, c), actual.get(r, c), TOLERANCE, what + " at (" + r + ", " + c + ")");
            }
        }
    }
}
