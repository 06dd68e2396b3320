package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import java.util.Locale;

/**
 * A lower bound on the memory a model needs, checked against the JVM's heap before anything is allocated, so that
 * an oversized model is one clear error instead of an {@link OutOfMemoryError} after minutes of compiling.
 */
final class Footprint {

    private Footprint() {
    }

    /** The number of parameters of {@code program}'s cells, without overflow. */
    static long parameters(Program program) {
        long n = 0;
        for (Program.Scan scan : program.scans()) {
            for (Cell.Param p : scan.cell().params()) {
                n = Math.addExact(n, Math.multiplyExact((long) p.shape().rows(), p.shape().cols()));
            }
        }
        return n;
    }

    /**
     * Throws unless {@code copies} double-precision copies of the parameters fit the heap. Training keeps at least
     * four (the parameters, their gradients, and per executor its own parameters and gradients), Adam two more.
     */
    static void requireFits(Program program, String model, int copies) {
        long params = parameters(program);
        long needed = params > Long.MAX_VALUE / 8 / copies ? Long.MAX_VALUE : params * 8 * copies;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw new UnrollException(String.format(Locale.ROOT, "the model (%s) has %,d parameters and"
                    + " needs at least %,d MB, but the Java heap holds at most %,d MB; lower --hidden or --layers, or"
                    + " raise the heap (e.g. UNROLL_JAVA_OPTS=-Xmx8g)", model, params, needed >> 20,
                    available >> 20));
        }
    }

    /** The copies of the parameters a training run with {@code executors} executors keeps at least. */
    static int trainingCopies(int executors, boolean adam) {
        return 2 + 2 * executors + (adam ? 2 : 0);
    }
}
