package dev.unroll.compiler.fuzz;

import dev.unroll.compiler.interp.Interpreter;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.unroll.Unroller;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.inspect.Dot;
import dev.unroll.dsl.inspect.Listing;
import dev.unroll.dsl.ir.Graph;
import dev.unroll.dsl.ir.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * What the fuzz does with every cell that was made: print its listing and drawing, make its graph again (which
 * verifies it), run one step on random data in the interpreter, and unroll it over two steps and run that.
 */
final class Exercise {

    /** The most elements of one value the fuzz lets the interpreter compute. */
    static final long MAX_VALUE_ELEMENTS = 1 << 20;

    private Exercise() {
    }

    /** Whether every value of {@code graph} for a batch of {@code batch} rows is small enough to compute here. */
    static boolean small(Graph graph, int batch) {
        return graph.nodes().stream()
                .allMatch(n -> (long) n.shape().rowsFor(batch) * n.shape().cols() <= MAX_VALUE_ELEMENTS);
    }

    /** Prints, remakes, runs and unrolls {@code cell}; {@code k} draws the batch and the data. */
    static void cell(Cell cell, Call k) {
        Attempt.run("Listing.of", k, () -> Listing.of(cell, true));
        Attempt.run("Dot.of", k, () -> Dot.of(cell));
        Attempt.run("new Graph", k, () -> new Graph(cell.graph().nodes()));
        int batch = 1 + Math.floorMod(k.pick(), 3);
        if (!small(cell.graph(), batch)) {
            return; // a valid but large cell: computing it would only test the memory of this machine
        }
        Random rng = new Random(k.pick2());
        Attempt.run("Interpreter.step", k, () -> Interpreter.step(cell, leaves(cell, batch, rng, "input"),
                leaves(cell, batch, rng, "state"), leaves(cell, batch, rng, "param")));
        Attempt.run("Unroller.unroll", k, () -> {
            Cell unrolled = Unroller.unroll(cell, 2);
            Listing.of(unrolled);
            Interpreter.evaluate(unrolled.graph(), leaves(unrolled, batch, rng, null));
        });
    }

    /** Random values for the leaves of {@code cell} of one kind ({@code input}, {@code state}, {@code param}). */
    private static Map<String, Mat> leaves(Cell cell, int batch, Random rng, String kind) {
        return leaves(cell.graph(), batch, rng, kind);
    }

    /** Random values for the named leaves of {@code graph} of one kind, or of every kind when it is null. */
    static Map<String, Mat> leaves(Graph graph, int batch, Random rng, String kind) {
        Map<String, Mat> out = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            boolean bound = n.op().isLeaf() && n.hasLabel();
            if (bound && (kind == null || n.op().mnemonic().equals(kind))) {
                int rows = n.shape().rowsFor(batch);
                double[] d = new double[rows * n.shape().cols()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = rng.nextGaussian();
                }
                out.put(n.label(), Mat.of(rows, n.shape().cols(), d));
            }
        }
        return out;
    }
}
