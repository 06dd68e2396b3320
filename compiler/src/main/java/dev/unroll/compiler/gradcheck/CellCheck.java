package dev.unroll.compiler.gradcheck;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Bptt;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A gradient check of one cell's BPTT gradients: attaches a loss to one output with {@link LossCell}, draws (or
 * takes) a sequence's data, computes the analytic gradient with {@link Bptt#loss}, and compares it over all
 * parameters, initial states and inputs with finite differences, a random direction, or the forward-mode oracle.
 * Immutable: every setting returns a new check.
 *
 * <pre>{@code
 * GradCheck.cell(myCell).loss(Loss.MEAN_SQUARED_ERROR).steps(5).batch(2).seed(42)
 *         .finiteDifferences().assertWithin(1e-6);
 * }</pre>
 *
 * <p>With a truncation other than full, the reference is the gradient of the loss in which the state entering
 * step {@code t} is {@code base + carry[t]·(s − base)} (equal in value, scaled in gradient), which is exactly what
 * truncated BPTT computes; randomized truncation draws its carry factors from the check's seed.
 */
public final class CellCheck {

    private final Cell cell;
    private final String output;
    private final Loss loss;
    private final int steps;
    private final int batch;
    private final long seed;
    private final Truncation truncation;
    private final SequenceData data;

    private CellCheck(Cell cell, String output, Loss loss, int steps, int batch, long seed, Truncation truncation,
                      SequenceData data) {
        this.cell = cell;
        this.output = output;
        this.loss = loss;
        this.steps = steps;
        this.batch = batch;
        this.seed = seed;
        this.truncation = truncation;
        this.data = data;
    }

    /** A check of {@code cell}'s first output under mean squared error, 4 steps, batch 2, seed 0, full BPTT. */
    static CellCheck of(Cell cell) {
        if (cell.outputs().isEmpty()) {
            throw new UnrollException("gradient check: cell '" + cell.name() + "' has no output to attach a loss to");
        }
        return new CellCheck(cell, cell.outputs().get(0).name(), Loss.MEAN_SQUARED_ERROR, 4, 2, 0L,
                Truncation.full(), null);
    }

    /** The output the loss is attached to. */
    public CellCheck output(String name) {
        cell.output(name);
        return new CellCheck(cell, name, loss, steps, batch, seed, truncation, data);
    }

    /** The per-step loss. */
    public CellCheck loss(Loss newLoss) {
        present("loss", newLoss);
        return new CellCheck(cell, output, newLoss, steps, batch, seed, truncation, data);
    }

    /** The sequence length T (at least 1). */
    public CellCheck steps(int newSteps) {
        positive("steps", newSteps);
        fixedByData("sequence length");
        return new CellCheck(cell, output, loss, newSteps, batch, seed, truncation, data);
    }

    /** The batch size B (at least 1). */
    public CellCheck batch(int newBatch) {
        positive("batch", newBatch);
        fixedByData("batch size");
        return new CellCheck(cell, output, loss, steps, newBatch, seed, truncation, data);
    }

    /** The seed of the random data and of randomized truncation. */
    public CellCheck seed(long newSeed) {
        return new CellCheck(cell, output, loss, steps, batch, newSeed, truncation, data);
    }

    /** The truncation schedule whose gradient is checked. */
    public CellCheck truncation(Truncation newTruncation) {
        present("truncation", newTruncation);
        return new CellCheck(cell, output, loss, steps, batch, seed, newTruncation, data);
    }

    /** Uses {@code given} (which sets T and B) instead of random data; it must bind the loss cell's inputs. */
    public CellCheck data(SequenceData given) {
        present("data", given);
        Cell lossCell = lossCell();
        given.requireFits(lossCell);
        int rows = given.initialStates().isEmpty() ? batch : given.initialStates().values().iterator().next().rows();
        return new CellCheck(cell, output, loss, given.steps(), rows, seed, truncation, given);
    }

    /** The cell with the loss attached ({@code LossCell.attach}). */
    public Cell lossCell() {
        return LossCell.attach(cell, output, loss);
    }

    /** The data checked: the given data, or data drawn from the seed. */
    public SequenceData sequenceData() {
        if (data != null) {
            return data;
        }
        Cell lossCell = lossCell();
        return DataDraw.draw(lossCell, steps, batch, DataDraw.classInputs(lossCell, output, loss),
                DataDraw.seeded(seed));
    }

    /** The carry factors of the truncation for this sequence. */
    public double[] carry() {
        return truncation.carry(steps, seed);
    }

    /** The sequence loss as a function of the variables (see {@link SequenceData#variables()}). */
    public ToDoubleFunction<Map<String, Mat>> lossFunction() {
        return new SequenceLoss(lossCell(), sequenceData(), carry());
    }

    /** The BPTT gradient of every variable. */
    public Map<String, Mat> analytic() {
        Cell lossCell = lossCell();
        SequenceData d = sequenceData();
        Bptt.Gradients g = Bptt.loss(Autodiff.adjoint(lossCell, List.of(LossCell.LOSS)), d.inputs(),
                d.initialStates(), d.params(), carry(), d.noise()).result().gradients();
        return byVariable(g, d);
    }

    /** BPTT against central differences (default step and floor of {@link GradCheck}). */
    public Report finiteDifferences() {
        return GradCheck.finiteDifferences(lossFunction(), sequenceData().variables(), analytic());
    }

    /** BPTT against one directional derivative along a random direction drawn from the seed. */
    public Report directional() {
        return GradCheck.directional(lossFunction(), sequenceData().variables(), analytic(), seed);
    }

    /** BPTT against the forward-mode {@link ForwardOracle} (floor {@link GradCheck#DEFAULT_FLOOR}). */
    public Report forwardMode() {
        Map<String, Mat> oracle = ForwardOracle.gradients(lossCell(), sequenceData(), carry());
        return GradCheck.compare(ForwardOracle.NAME, analytic(), oracle, GradCheck.DEFAULT_FLOOR);
    }

    /**
     * BPTT gradients keyed and ordered as {@link SequenceData#variables()}; a variable without a gradient (an input
     * the loss does not depend on) gets zeros.
     */
    public static Map<String, Mat> byVariable(Bptt.Gradients g, SequenceData d) {
        Require.notNull(g, "CellCheck.byVariable", "g");
        Require.notNull(d, "CellCheck.byVariable", "d");
        Map<String, Mat> out = new LinkedHashMap<>();
        d.params().forEach((name, value) -> out.put(name, orZeros(g.params().get(name), value)));
        d.initialStates().forEach((name, value) -> out.put(name, orZeros(g.initialStates().get(name), value)));
        for (int t = 0; t < d.steps(); t++) {
            for (Map.Entry<String, Mat> in : d.inputs().get(t).entrySet()) {
                if (!SequenceData.isTarget(in.getKey())) {
                    out.put(SequenceData.inputVariable(in.getKey(), t),
                            orZeros(g.inputs().get(t).get(in.getKey()), in.getValue()));
                }
            }
        }
        return out;
    }

    private static Mat orZeros(Mat m, Mat like) {
        return m != null ? m : Mat.zeros(like.rows(), like.cols());
    }

    private void fixedByData(String what) {
        if (data != null) {
            throw new UnrollException("gradient check: the " + what + " is set by the given data; set it before"
                    + " data(...) or change the data");
        }
    }

    private static void present(String what, Object value) {
        if (value == null) {
            throw new UnrollException("gradient check: the " + what + " must not be null");
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new UnrollException("gradient check: " + what + " must be at least 1, got " + v);
        }
    }
}
