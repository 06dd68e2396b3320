package dev.unroll.compiler.interp;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Draws initial parameter values from their {@link Init} through a seeded commons-math3 generator. */
public final class ParamInit {

    private ParamInit() {
    }

    /** Every parameter of {@code cell}, in declaration order, drawn from one generator seeded with {@code seed}. */
    public static Map<String, Mat> initialize(Cell cell, long seed) {
        Require.notNull(cell, "ParamInit.initialize", "cell");
        RandomGenerator rng = new Well19937c(seed);
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Cell.Param p : cell.params()) {
            out.put(p.name(), draw(p.shape(), p.init(), rng));
        }
        return out;
    }

    /** One matrix of the given shape drawn from {@code init}. */
    public static Mat draw(Shape shape, Init init, RandomGenerator rng) {
        Require.notNull(shape, "ParamInit.draw", "shape");
        Require.notNull(init, "ParamInit.draw", "init");
        Require.notNull(rng, "ParamInit.draw", "rng");
        if (shape.batched()) {
            throw new UnrollException("ParamInit: a parameter has a fixed shape, got the batched shape " + shape);
        }
        int rows = shape.rows();
        int cols = shape.cols();
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = sample(init, rows, cols, rng);
        }
        return Mat.of(rows, cols, d);
    }

    private static double sample(Init init, int fanIn, int fanOut, RandomGenerator rng) {
        // Java 17 has no pattern switch over sealed types; this chain covers every Init record.
        if (init instanceof Init.Zeros) {
            return 0.0;
        } else if (init instanceof Init.Constant c) {
            return c.value();
        } else if (init instanceof Init.Uniform u) {
            return u.low() + (u.high() - u.low()) * rng.nextDouble();
        } else if (init instanceof Init.Normal n) {
            return n.mean() + n.std() * rng.nextGaussian();
        } else if (init instanceof Init.XavierUniform x) {
            double a = x.gain() * Math.sqrt(6.0 / (fanIn + fanOut));
            return -a + 2 * a * rng.nextDouble();
        } else if (init instanceof Init.XavierNormal x) {
            return x.gain() * Math.sqrt(2.0 / (fanIn + fanOut)) * rng.nextGaussian();
        }
        throw new IllegalStateException("unknown initializer " + init);
    }
}
