package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.gradcheck.CellCheck;
import dev.unroll.compiler.gradcheck.Report;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.inspect.Listing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code gradcheck --truncation} checks truncated gradients against the gradient-check kit's truncation-aware
 * reference: it passes for every kind of truncation, and still fails on a wrong gradient.
 */
class GradcheckTruncationTest {

    @Test
    void fullTruncationPasses() {
        assertPasses("gradcheck", "--cell", "gru", "--hidden", "3", "--truncation", "full");
    }

    @Test
    void fixedTruncationPasses() {
        CliRun r = assertPasses("gradcheck", "--cell", "lstm", "--hidden", "3", "--steps", "5", "--truncation",
                "fixed:2");
        assertTrue(r.out().contains("scan model with fixed:2 truncation"), r.out());
    }

    @Test
    void randomTruncationPasses() {
        assertPasses("gradcheck", "--cell", "rnn", "--hidden", "3", "--steps", "6", "--truncation", "random:0.5");
    }

    @Test
    void truncationIsCheckedInEveryScanOfABidirectionalModel() {
        CliRun r = assertPasses("gradcheck", "--cell", "gru", "--hidden", "2", "--layers", "2", "--bidirectional",
                "--truncation", "fixed:2");
        for (String scan : List.of("l0f", "l0b", "l1f", "l1b", "head")) {
            assertTrue(r.out().contains("scan " + scan + " with fixed:2 truncation"), scan + " in " + r.out());
        }
    }

    @Test
    void aWrongGradientStillFails() {
        ScanChecks.Named scan = lossScan(Truncation.fixed(2));
        Map<String, Mat> wrong = new LinkedHashMap<>(scan.check().analytic());
        Mat w = wrong.get("l0__W_hh");
        double[] d = w.data();
        d[0] *= 1.01;
        wrong.put("l0__W_hh", Mat.of(w.rows(), w.cols(), d));
        Report report = ScanChecks.compare(scan.check(), wrong, 4000, 7).get(0);
        assertTrue(report.entry("l0__W_hh").error() > 1e-3, report.table());
        assertTrue(ScanChecks.compare(scan.check(), scan.check().analytic(), 4000, 7).get(0).worstError() < 1e-6);
    }

    @Test
    void anUntruncatedGradientFailsAgainstTheTruncatedReference() {
        // The very mistake the command used to make, the other way round: the two gradients differ.
        CellCheck truncated = lossScan(Truncation.fixed(2)).check();
        Map<String, Mat> untruncated = truncated.truncation(Truncation.full()).analytic();
        assertTrue(ScanChecks.compare(truncated, untruncated, 4000, 7).get(0).worstError() > 1e-3);
    }

    @Test
    void theLossScanWithoutItsLossIsTheCellTheKitAttachesItTo() {
        Program program = program();
        Program.Scan scan = program.lossScan();
        Cell bare = ScanChecks.withoutLoss(scan.cell(), program);
        assertEquals(List.of("x"), bare.inputs().stream().map(Cell.Port::name).toList());
        assertEquals(List.of(Planner.HEAD_OUTPUT), bare.outputs().stream().map(Cell.Port::name).toList());
        assertEquals(Listing.of(scan.cell()), Listing.of(LossCell.attach(bare, Planner.HEAD_OUTPUT,
                program.model().loss())));
    }

    private static ScanChecks.Named lossScan(Truncation truncation) {
        List<ScanChecks.Named> scans = ScanChecks.of(program(), truncation, 5, 2, 7);
        assertEquals(1, scans.size());
        return scans.get(0);
    }

    private static Program program() {
        ModelOptions model = new ModelOptions();
        model.cell = "rnn";
        model.layers = 1;
        model.hidden = 3;
        return Planner.plan(model.model(Encoding.features(4), 4));
    }

    private static CliRun assertPasses(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("gradcheck passed"), r.out());
        return r;
    }
}
