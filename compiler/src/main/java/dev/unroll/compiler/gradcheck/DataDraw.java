package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.Noise;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws the data of a sequence run for a cell: parameters uniform in {@code ±1/√rows}, initial states and inputs
 * uniform in {@code ±1}, and class-index inputs (softmax cross-entropy targets) uniform over the classes. The
 * randomness comes from a {@link Source}, so the same code serves seeded checks and the {@code check} engine.
 */
final class DataDraw {

    /** Where the random numbers come from. */
    interface Source {
        /** A double in {@code [-bound, bound]}. */
        double symmetric(double bound);

        /** An integer in {@code [0, n)}. */
        int below(int n);
    }

    private DataDraw() {
    }

    /** A seeded source. */
    static Source seeded(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Source() {
            @Override
            public double symmetric(double bound) {
                return bound * (2 * rng.nextDouble() - 1);
            }

            @Override
            public int below(int n) {
                return rng.nextInt(n);
            }
        };
    }

    /** The input names of {@code lossCell} that hold class indices under {@code loss}, with their class counts. */
    static Map<String, Integer> classInputs(Cell lossCell, String output, Loss loss) {
        return switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> Map.of(LossCell.targetName(output), lossCell.output(output).shape().cols());
            case MEAN_SQUARED_ERROR -> Map.of();
        };
    }

    /**
     * Data for {@code steps} steps of {@code batch} rows; inputs named in {@code classes} get class indices. A cell
     * with dropout or zoneout runs in training mode three times in four, with a drawn key (its masks then fixed).
     */
    static SequenceData draw(Cell cell, int steps, int batch, Map<String, Integer> classes, Source src) {
        SequenceData data = new SequenceData(inputs(cell, steps, batch, classes, src), states(cell, batch, src),
                params(cell, src));
        boolean random = cell.graph().nodes().stream().anyMatch(n -> n.op() == Op.DROPOUT || n.op() == Op.ZONEOUT);
        if (!random || src.below(4) == 0) {
            return data;
        }
        long key = (long) src.below(1 << 30) << 30 | src.below(1 << 30);
        return data.with(Noise.training(key));
    }

    static Map<String, Mat> params(Cell cell, Source src) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Cell.Param p : cell.params()) {
            int rows = p.shape().rows();
            out.put(p.name(), matrix(rows, p.shape().cols(), 1.0 / Math.sqrt(rows), src));
        }
        return out;
    }

    static Map<String, Mat> states(Cell cell, int batch, Source src) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Cell.State s : cell.states()) {
            out.put(s.name(), matrix(batch, s.shape().cols(), 1.0, src));
        }
        return out;
    }

    static List<Map<String, Mat>> inputs(Cell cell, int steps, int batch, Map<String, Integer> classes, Source src) {
        List<Map<String, Mat>> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Map<String, Mat> step = new LinkedHashMap<>();
            for (Cell.Port in : cell.inputs()) {
                int rows = in.shape().rowsFor(batch);
                Integer k = classes.get(in.name());
                step.put(in.name(), k == null ? matrix(rows, in.shape().cols(), 1.0, src) : indices(rows, k, src));
            }
            out.add(step);
        }
        return out;
    }

    private static Mat matrix(int rows, int cols, double bound, Source src) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = src.symmetric(bound);
        }
        return Mat.of(rows, cols, d);
    }

    private static Mat indices(int rows, int classes, Source src) {
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = src.below(classes);
        }
        return Mat.of(rows, 1, d);
    }
}
