package dev.unroll.compiler.gradcheck;

import dev.unroll.check.Choices;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import java.util.List;
import java.util.Map;

/**
 * Generators for the {@code check} engine: random data (parameters, initial states, inputs) for a given cell and
 * shape, and random valid cells (random DAGs over the op set, declared through the DSL). Everything shrinks:
 * numbers toward 0, cells toward fewer and simpler operations.
 *
 * <p>Needs {@code dev.unroll:unroll-check} on the classpath (a test dependency of your project).
 */
public final class CellGens {

    /** The default maximum number of operations in a random cell, besides the state updates. */
    public static final int MAX_OPS = 16;

    private CellGens() {
    }

    /** Random valid cells with up to {@value #MAX_OPS} operations. */
    public static Gen<Cell> cells() {
        return cells(MAX_OPS);
    }

    /**
     * Random valid cells: 1–2 inputs and 1–2 states of 1–4 features, up to {@code maxOps} operations chosen from
     * matmul with a parameter, add, sub, mul, add-bias, neg, scale, tanh, sigmoid, relu, exp of a tanh, log of a
     * sigmoid, division by exp of a tanh, concat, slice, row sums and means repeated back to a width, softmax,
     * one-minus and batch centering; each state's next value is {@code tanh} of an affine map of a random value;
     * outputs {@code y} and sometimes {@code z}. Values stay bounded (see the class notes of the generator).
     */
    public static Gen<Cell> cells(int maxOps) {
        if (maxOps < 0) {
            throw new IllegalArgumentException("CellGens.cells needs maxOps >= 0, got " + maxOps);
        }
        return c -> RandomCell.define(c, maxOps);
    }

    /** Matrices of the given shape with elements uniform in {@code [-bound, bound]}, shrinking toward 0. */
    public static Gen<Mat> matrices(int rows, int cols, double bound) {
        Gen<double[]> values = Gens.doubleArrays(rows * cols, -bound, bound);
        return values.map(d -> Mat.of(rows, cols, d));
    }

    /** Values for every parameter of {@code cell}, uniform in {@code ±1/√rows} (all data here shrinks toward 0). */
    public static Gen<Map<String, Mat>> params(Cell cell) {
        return c -> DataDraw.params(cell, source(c));
    }

    /** Initial values for every state of {@code cell}, {@code batch} rows, uniform in {@code ±1}. */
    public static Gen<Map<String, Mat>> initialStates(Cell cell, int batch) {
        return c -> DataDraw.states(cell, batch, source(c));
    }

    /** Every input of {@code cell} for {@code steps} steps of {@code batch} rows, uniform in {@code ±1}. */
    public static Gen<List<Map<String, Mat>>> inputs(Cell cell, int steps, int batch) {
        return c -> DataDraw.inputs(cell, steps, batch, Map.of(), source(c));
    }

    /** All the data of a run of {@code cell}: inputs, initial states and parameters. */
    public static Gen<SequenceData> data(Cell cell, int steps, int batch) {
        return c -> DataDraw.draw(cell, steps, batch, Map.of(), source(c));
    }

    /**
     * The data of a run of {@code LossCell.attach(cell, output, loss)}, with targets that suit the loss (class
     * indices for softmax cross-entropy).
     */
    public static Gen<SequenceData> lossData(Cell cell, String output, Loss loss, int steps, int batch) {
        Cell lossCell = LossCell.attach(cell, output, loss);
        Map<String, Integer> classes = DataDraw.classInputs(lossCell, output, loss);
        return c -> DataDraw.draw(lossCell, steps, batch, classes, source(c));
    }

    private static DataDraw.Source source(Choices c) {
        return new DataDraw.Source() {
            @Override
            public double symmetric(double bound) {
                // Uniform, without the engine's bias toward 0 and the bounds: an exact 0 would put every relu on its
                // kink, where finite differences say nothing. Shrinking still moves values toward +0.
                boolean negative = c.draw(1) == 1;
                double magnitude = bound * c.unitDouble();
                return negative ? -magnitude : magnitude;
            }

            @Override
            public int below(int n) {
                return Gens.integers(0, n - 1).generate(c);
            }
        };
    }
}
