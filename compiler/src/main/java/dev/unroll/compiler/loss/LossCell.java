package dev.unroll.compiler.loss;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends a per-step loss to a cell: a new cell with one more input, {@code target__<output>}, and one more
 * output, {@code loss} ({@code [1×1]}, the mean over batch rows of the per-row loss of that output). A weighted
 * loss has a third input, {@link #WEIGHT} ({@code [B×1]}), and counts only the rows whose weight is positive.
 */
public final class LossCell {

    /** The name of the loss output. */
    public static final String LOSS = "loss";

    /** The name of a weighted loss's row-weight input: a row counts at a step where its weight is positive. */
    public static final String WEIGHT = "weight";

    private LossCell() {
    }

    /** The name of the target input for {@code output}. */
    public static String targetName(String output) {
        return DerivedNames.target(output);
    }

    /** {@code cell} with {@code loss} of its output {@code output} appended. */
    public static Cell attach(Cell cell, String output, Loss loss) {
        return attach(cell, output, loss, false);
    }

    /**
     * {@code cell} with {@code loss} of its output {@code output} appended; when {@code weighted}, the step's loss
     * is {@code mean_rows(select(weight, ℓ, 0))}, so a row of weight 0 adds exactly nothing, even where its ℓ is not
     * finite, and a batch of weight 1 gives exactly the unweighted loss.
     */
    public static Cell attach(Cell cell, String output, Loss loss, boolean weighted) {
        Require.notNull(cell, "LossCell.attach", "cell");
        Require.notNull(output, "LossCell.attach", "output");
        Require.notNull(loss, "LossCell.attach", "loss");
        Cell.Port out = cell.output(output);
        GraphBuilder b = new GraphBuilder();
        for (Node n : cell.graph().nodes()) {
            if (n.op().isLeaf()) {
                b.leaf(n.op(), n.shape(), n.attrs(), n.label(), n.source());
            } else {
                b.apply(n.op(), n.inputs(), n.attrs(), n.label(), n.source());
            }
        }
        SourceLocation at = SourceLocation.UNKNOWN;
        Shape targetShape = loss == Loss.SOFTMAX_CROSS_ENTROPY ? out.shape().withCols(1) : out.shape();
        int target = b.leaf(Op.INPUT, targetShape, Attrs.NONE, targetName(output), at);
        int detached = b.apply(Op.DETACH, at, target);
        int perRow = switch (loss) {
            case SOFTMAX_CROSS_ENTROPY -> b.apply(Op.SOFTMAX_CE, at, out.node(), detached);
            case MEAN_SQUARED_ERROR -> {
                int diff = b.apply(Op.SUB, at, out.node(), detached);
                yield b.apply(Op.MEAN_COLS, at, b.apply(Op.MUL, at, diff, diff));
            }
        };
        List<Cell.Port> inputs = new ArrayList<>(cell.inputs());
        inputs.add(new Cell.Port(targetName(output), target, targetShape));
        if (weighted) {
            int weight = b.leaf(Op.INPUT, Shape.batch(1), Attrs.NONE, WEIGHT, at);
            inputs.add(new Cell.Port(WEIGHT, weight, Shape.batch(1)));
            perRow = b.apply(Op.SELECT, at, weight, perRow, b.leaf(Op.CONST, Shape.batch(1), Attrs.scalar(0.0), null,
                    at));
        }
        int stepLoss = b.apply(Op.MEAN_ROWS, List.of(perRow), Attrs.NONE, LOSS, at);
        List<Cell.Port> outputs = new ArrayList<>(cell.outputs());
        outputs.add(new Cell.Port(LOSS, stepLoss, b.shape(stepLoss)));
        return new Cell(cell.name(), b.build(), inputs, cell.states(), cell.params(), outputs, cell.source());
    }
}
