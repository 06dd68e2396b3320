package dev.unroll.examples.cli;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.GradCheck;
import dev.unroll.compiler.gradcheck.Report;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.inspect.Listing;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gradient-check kit's truncation-aware check ({@link CellCheck#truncation}) applied to every scan of a model:
 * each scan's cell with the kit's loss on its output (the loss scan's own loss, which the kit attaches again), on
 * data the kit draws, with the carry factors the truncation draws from the check's seed. The reference
 * differentiates the loss in which each step's incoming state has its gradient scaled by the carry factor, so
 * it agrees with truncated BPTT, where untruncated finite differences cannot.
 */
final class ScanChecks {

    /** The check of one scan, by the scan's name. */
    record Named(String scan, CellCheck check) {
    }

    private ScanChecks() {
    }

    /**
     * One check per scan of {@code program}, which must read real-valued features (plan the model with
     * {@code Encoding.features}: the kit differentiates the inputs too, and token ids have no derivative).
     */
    static List<Named> of(Program program, Truncation truncation, int steps, int batch, long seed) {
        List<Named> checks = new ArrayList<>();
        for (Program.Scan scan : program.scans()) {
            boolean last = scan == program.lossScan();
            Cell cell = last ? withoutLoss(scan.cell(), program) : scan.cell();
            CellCheck check = GradCheck.cell(cell).output(last ? Planner.HEAD_OUTPUT : Planner.LAYER_OUTPUT);
            checks.add(new Named(scan.name(), (last ? check.loss(program.model().loss()) : check).steps(steps)
                    .batch(batch).seed(seed).truncation(truncation)));
        }
        return checks;
    }

    /**
     * The kit's reference for {@code check} against {@code analytic}: every element when the check has at most
     * {@code maxElements} variable elements, else 8 random directions (seeded from {@code seed}).
     */
    static List<Report> compare(CellCheck check, Map<String, Mat> analytic, int maxElements, long seed) {
        Map<String, Mat> at = check.sequenceData().variables();
        int elements = at.values().stream().mapToInt(m -> m.rows() * m.cols()).sum();
        if (elements <= maxElements) {
            return List.of(GradCheck.finiteDifferences(check.lossFunction(), at, analytic));
        }
        List<Report> reports = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            reports.add(GradCheck.directional(check.lossFunction(), at, analytic, seed + d));
        }
        return reports;
    }

    /**
     * The loss scan's cell before {@link LossCell#attach} appended the loss: the nodes before the target input
     * (attach appends the target and the loss after the cell's own nodes), without the target and the loss ports.
     */
    static Cell withoutLoss(Cell cell, Program program) {
        int target = cell.input(LossCell.targetName(Planner.HEAD_OUTPUT)).node();
        GraphBuilder b = new GraphBuilder();
        for (Node n : cell.graph().nodes().subList(0, target)) {
            if (n.op().isLeaf()) {
                b.leaf(n.op(), n.shape(), n.attrs(), n.label(), n.source());
            } else {
                b.apply(n.op(), n.inputs(), n.attrs(), n.label(), n.source());
            }
        }
        List<Cell.Port> inputs = cell.inputs().stream().filter(p -> p.node() < target).toList();
        List<Cell.Port> outputs = cell.outputs().stream().filter(p -> p.node() < target).toList();
        Cell bare = new Cell(cell.name(), b.build(), inputs, cell.states(), cell.params(), outputs, cell.source());
        // The kit attaches the loss again; it must give back exactly the scan that is trained.
        if (!Listing.of(LossCell.attach(bare, Planner.HEAD_OUTPUT, program.model().loss())).equals(Listing.of(cell))) {
            throw new UnrollException("internal: the loss scan '" + cell.name() + "' is not a cell with its loss"
                    + " appended, so its truncated gradient cannot be checked with the kit");
        }
        return bare;
    }
}
