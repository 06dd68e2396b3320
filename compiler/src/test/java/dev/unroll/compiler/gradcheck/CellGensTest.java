package dev.unroll.compiler.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.CheckConfig;
import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.check.PropertyFailure;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.unroll.Unroller;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.inspect.Listing;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Op;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generators: random cells are valid, cover the op set, are deterministic and shrink small; data fits. */
class CellGensTest {

    static Gen<Cell> cells() {
        return CellGens.cells();
    }

    @Property(tries = 300, seed = "17")
    void randomCellsAreValidAndDifferentiable(@ForAll("cells") Cell cell) {
        assertTrue(cell.inputs().size() >= 1 && cell.inputs().size() <= 2, Listing.of(cell));
        assertTrue(cell.states().size() >= 1 && cell.states().size() <= 2, Listing.of(cell));
        assertEquals("y", cell.outputs().get(0).name());
        for (Cell.State s : cell.states()) {
            assertEquals(s.shape(), cell.graph().shape(s.next()));
            assertEquals(Op.TANH, cell.graph().node(s.next()).op(), "a next state is tanh of an affine map");
        }
        for (Node n : cell.graph().nodes()) {
            assertTrue(n.shape().cols() <= RandomCell.MAX_FEATURES, Listing.of(cell));
        }
        // Graphs verify themselves when made, so making the adjoint and the unrolled cell checks them.
        Autodiff.adjoint(cell);
        Unroller.unroll(cell, 3);
    }

    @Test
    void randomCellsCoverTheOpSet() {
        Set<Op> seen = EnumSet.noneOf(Op.class);
        PropertyRunner.forAll(CellGens.cells()).seed(5).tries(300).withConfig(CheckConfig.defaults())
                .check(cell -> cell.graph().nodes().forEach(n -> seen.add(n.op())));
        Set<Op> promised = EnumSet.of(Op.INPUT, Op.STATE, Op.PARAM, Op.CONST, Op.MATMUL, Op.ADD, Op.SUB, Op.MUL,
                Op.DIV, Op.ADD_BIAS, Op.NEG, Op.SCALE, Op.TANH, Op.SIGMOID, Op.RELU, Op.EXP, Op.LOG, Op.SQRT, Op.CONCAT,
                Op.SLICE, Op.SUM_COLS, Op.MEAN_COLS, Op.MEAN_ROWS, Op.BROADCAST_ROWS, Op.SOFTMAX,
                Op.DROPOUT, Op.ZONEOUT);
        assertEquals(promised, seen);
    }

    @Test
    void theSameSeedGivesTheSameCells() {
        assertEquals(listings(99), listings(99));
        assertTrue(!listings(99).equals(listings(100)));
    }

    @Test
    void aFailureShrinksToASmallCellAndAShortSequence() {
        // Fails for every cell with a softmax over at least 3 steps: the smallest such case is one input, one
        // state, the softmax and the state's update, over exactly 3 steps of batch 1.
        PropertyFailure failure = assertThrows(PropertyFailure.class, () -> PropertyRunner.forAll(RandomCase.cases(8))
                .seed(3).tries(500).withConfig(CheckConfig.defaults()).check(k -> assertTrue(k.data().steps() < 3
                        || k.cell().graph().nodes().stream().noneMatch(n -> n.op() == Op.SOFTMAX))));
        Matcher m = Pattern.compile("T = (\\d+), B = (\\d+), .*, (\\d+) nodes").matcher(failure.shrunk());
        assertTrue(m.find(), failure.shrunk());
        assertEquals("3", m.group(1), failure.shrunk());
        assertEquals("1", m.group(2), failure.shrunk());
        assertTrue(Integer.parseInt(m.group(3)) <= 9, failure.shrunk());
    }

    @Test
    void dataFitsTheCellAndItsLoss() {
        Cell lstm = Cells.lstm(3, 2);
        SequenceData d = sample(CellGens.lossData(lstm, "y", Loss.SOFTMAX_CROSS_ENTROPY, 4, 3));
        d.requireFits(LossCell.attach(lstm, "y", Loss.SOFTMAX_CROSS_ENTROPY));
        assertEquals(4, d.steps());
        for (Map<String, Mat> step : d.inputs()) {
            assertEquals(3, step.get("x").rows());
            for (double v : step.get("x").data()) {
                assertTrue(Math.abs(v) <= 1.0);
            }
            for (double k : step.get(LossCell.targetName("y")).data()) {
                assertTrue(k == Math.rint(k) && k >= 0 && k < 2, "class index " + k);
            }
        }
        for (Cell.Param p : lstm.params()) {
            for (double v : d.params().get(p.name()).data()) {
                assertTrue(Math.abs(v) <= 1 / Math.sqrt(p.shape().rows()), p.name() + " " + v);
            }
        }
        assertEquals(List.of("h", "c"), List.copyOf(d.initialStates().keySet()));
        Mat m = sample(CellGens.matrices(2, 5, 3.0));
        assertEquals(2, m.rows());
        assertEquals(5, m.cols());
    }

    private static <T> T sample(Gen<T> gen) {
        List<T> out = new ArrayList<>();
        PropertyRunner.forAll(gen).seed(1).tries(1).withConfig(CheckConfig.defaults()).check(out::add);
        return out.get(0);
    }

    private static List<String> listings(long seed) {
        List<String> out = new ArrayList<>();
        PropertyRunner.forAll(CellGens.cells()).seed(seed).tries(20).withConfig(CheckConfig.defaults())
                .check(c -> out.add(Listing.of(c)));
        return out;
    }
}
