package dev.unroll.dsl.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape rule of every op: one valid sample per op (a new op without a row fails) and one error per family. */
class ShapeRulesTest {

    private static final Shape B1 = Shape.batch(1);
    private static final Shape B2 = Shape.batch(2);
    private static final Shape B3 = Shape.batch(3);
    private static final Shape B4 = Shape.batch(4);

    /** A sample application of an op and the shape its rule must give. */
    private record Sample(List<Shape> inputs, Attrs attrs, Shape expected) {
    }

    private static final Map<Op, Sample> SAMPLES = samples();

    private static Map<Op, Sample> samples() {
        Map<Op, Sample> m = new EnumMap<>(Op.class);
        m.put(Op.MATMUL, new Sample(List.of(B3, Shape.of(3, 4)), Attrs.NONE, B4));
        m.put(Op.MATMUL_NT, new Sample(List.of(B3, Shape.of(4, 3)), Attrs.NONE, B4));
        m.put(Op.MATMUL_TN, new Sample(List.of(B3, B4), Attrs.NONE, Shape.of(3, 4)));
        for (Op op : List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV)) {
            m.put(op, new Sample(List.of(B3, B3), Attrs.NONE, B3));
        }
        m.put(Op.SELECT, new Sample(List.of(B3, B3, B3), Attrs.NONE, B3));
        m.put(Op.ADD_BIAS, new Sample(List.of(B3, Shape.of(1, 3)), Attrs.NONE, B3));
        for (Op op : List.of(Op.NEG, Op.TANH, Op.SIGMOID, Op.RELU, Op.STEP, Op.EXP, Op.LOG, Op.SQRT, Op.DETACH,
                Op.SOFTMAX)) {
            m.put(op, new Sample(List.of(B3), Attrs.NONE, B3));
        }
        m.put(Op.SCALE, new Sample(List.of(Shape.of(2, 5)), Attrs.scalar(-0.5), Shape.of(2, 5)));
        m.put(Op.CONCAT, new Sample(List.of(B2, B3, B1), Attrs.NONE, Shape.batch(6)));
        m.put(Op.SLICE, new Sample(List.of(Shape.batch(5)), Attrs.range(1, 3), B3));
        m.put(Op.PAD, new Sample(List.of(B3), Attrs.range(1, 6), Shape.batch(6)));
        m.put(Op.SUM_ROWS, new Sample(List.of(B3), Attrs.NONE, Shape.of(1, 3)));
        m.put(Op.MEAN_ROWS, new Sample(List.of(Shape.of(4, 3)), Attrs.NONE, Shape.of(1, 3)));
        m.put(Op.SUM_COLS, new Sample(List.of(B3), Attrs.NONE, B1));
        m.put(Op.MEAN_COLS, new Sample(List.of(Shape.of(4, 3)), Attrs.NONE, Shape.of(4, 1)));
        m.put(Op.BROADCAST_ROWS, new Sample(List.of(Shape.of(1, 3)), Attrs.size(Shape.BATCH), B3));
        m.put(Op.SPREAD_ROWS, new Sample(List.of(Shape.of(1, 3)), Attrs.size(4), Shape.of(4, 3)));
        m.put(Op.BROADCAST_COLS, new Sample(List.of(B1), Attrs.size(5), Shape.batch(5)));
        m.put(Op.ONE_HOT, new Sample(List.of(B1), Attrs.size(7), Shape.batch(7)));
        m.put(Op.SOFTMAX_CE, new Sample(List.of(Shape.batch(7), B1), Attrs.NONE, B1));
        m.put(Op.DROPOUT, new Sample(List.of(B3), Attrs.noise(0.5, 2, Attrs.RUNNING_STEP), B3));
        m.put(Op.ZONEOUT, new Sample(List.of(B3, B3), Attrs.noise(0.1, 0, 0), B3));
        return m;
    }

    @Test
    void everyNonLeafOpHasASampleAndItsRuleGivesTheExpectedShape() {
        List<Op> missing = new ArrayList<>();
        for (Op op : Op.values()) {
            if (op.isLeaf()) {
                continue;
            }
            Sample s = SAMPLES.get(op);
            if (s == null) {
                missing.add(op);
                continue;
            }
            assertEquals(s.expected(), ShapeRules.infer(op, s.inputs(), s.attrs()), op.mnemonic());
        }
        assertEquals(List.of(), missing, "ops without a shape sample in this test");
    }

    @Test
    void everySampleHasTheArityOfItsOp() {
        for (Map.Entry<Op, Sample> e : SAMPLES.entrySet()) {
            int arity = e.getKey().arity();
            int got = e.getValue().inputs().size();
            assertTrue(arity == Op.VARIADIC ? got >= 1 : got == arity, e.getKey().mnemonic());
        }
    }

    @Test
    void broadcastRowsToAFixedCount() {
        assertEquals(Shape.of(4, 3), ShapeRules.infer(Op.BROADCAST_ROWS, List.of(Shape.of(1, 3)), Attrs.size(4)));
    }

    @Test
    void everyLeafIsDeclaredNotInferred() {
        for (Op op : Op.values()) {
            if (op.isLeaf()) {
                assertEquals(op.mnemonic() + " is a leaf: its shape is declared", fails(op, List.of(), Attrs.NONE));
            }
        }
    }

    @Test
    void randomOpsNeedAProbabilityInZeroOneASiteAndAStep() {
        Attrs ok = Attrs.noise(0.5, 0, Attrs.RUNNING_STEP);
        assertEquals("dropout: the probability must be in [0, 1), the site ≥ 0 and the step ≥ 0 or running; got"
                + " p = 1.0, site 0, step -1; got [B×3]", fails(Op.DROPOUT, List.of(B3), Attrs.noise(1.0, 0, -1)));
        assertEquals("zoneout: the probability must be in [0, 1), the site ≥ 0 and the step ≥ 0 or running; got"
                + " p = 0.5, site -1, step 2; got [B×3]", fails(Op.ZONEOUT, List.of(B3, B3), Attrs.noise(0.5, -1, 2)));
        assertEquals("zoneout: operands must have the same shape; got [B×3], [B×2]",
                fails(Op.ZONEOUT, List.of(B3, B2), ok));
    }

    @Test
    void wrongArity() {
        assertEquals("add takes 2 inputs, got 1", fails(Op.ADD, List.of(B3), Attrs.NONE));
        assertEquals("concat takes one or more inputs, got 0", fails(Op.CONCAT, List.of(), Attrs.NONE));
        assertEquals("tanh takes 1 input, got 2", fails(Op.TANH, List.of(B3, B3), Attrs.NONE));
    }

    @Test
    void matmulFamily() {
        assertEquals("matmul: inner dimensions differ (3 ≠ 4); got [B×3], [4×2]",
                fails(Op.MATMUL, List.of(B3, Shape.of(4, 2)), Attrs.NONE));
        assertEquals("matmul_nt: inner dimensions differ (3 ≠ 2); got [B×3], [4×2]",
                fails(Op.MATMUL_NT, List.of(B3, Shape.of(4, 2)), Attrs.NONE));
        assertEquals("matmul_nt: the right operand must be a matrix, not a batched value; got [B×3], [B×3]",
                fails(Op.MATMUL_NT, List.of(B3, B3), Attrs.NONE));
        assertEquals("matmul_tn: both operands must have the same rows; got [B×3], [2×4]",
                fails(Op.MATMUL_TN, List.of(B3, Shape.of(2, 4)), Attrs.NONE));
    }

    @Test
    void elementwiseFamily() {
        assertEquals("sub: operands must have the same shape; got [B×3], [1×3]",
                fails(Op.SUB, List.of(B3, Shape.of(1, 3)), Attrs.NONE));
        assertEquals("add_bias: the bias must be a row [1×3]; got [B×3], [2×3]",
                fails(Op.ADD_BIAS, List.of(B3, Shape.of(2, 3)), Attrs.NONE));
    }

    @Test
    void structuralFamily() {
        assertEquals("concat: all operands must have the same rows; got [B×2], [3×2]",
                fails(Op.CONCAT, List.of(B2, Shape.of(3, 2)), Attrs.NONE));
        assertEquals("slice: columns [-1, 1) are not a non-empty range inside [0, 3); got [B×3]",
                fails(Op.SLICE, List.of(B3), Attrs.range(-1, 2)));
        assertEquals("pad: a value 3 wide does not fit at column 2 of a width of 4; got [B×3]",
                fails(Op.PAD, List.of(B3), Attrs.range(2, 4)));
    }

    @Test
    void padWhoseOffsetOverflowsIsRejected() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> ShapeRules.infer(Op.PAD, List.of(B3), Attrs.range(Integer.MAX_VALUE, 5)));
        assertNotNull(e.getMessage());
    }

    @Test
    void sliceWhoseEndOverflowsIsRejected() {
        UnrollException e = assertThrows(UnrollException.class,
                () -> ShapeRules.infer(Op.SLICE, List.of(B3), Attrs.range(5, Integer.MAX_VALUE)));
        assertNotNull(e.getMessage());
    }

    @Test
    void reductionAndBroadcastFamily() {
        assertEquals("broadcast_rows: the operand must be a single row; got [B×3]",
                fails(Op.BROADCAST_ROWS, List.of(B3), Attrs.size(Shape.BATCH)));
        assertEquals("spread_rows: the target row count must be positive or the batch, got 0; got [1×3]",
                fails(Op.SPREAD_ROWS, List.of(Shape.of(1, 3)), Attrs.size(0)));
        assertEquals("broadcast_cols: the operand must be a single column and the width positive (width 5);"
                + " got [B×2]", fails(Op.BROADCAST_COLS, List.of(B2), Attrs.size(5)));
    }

    @Test
    void classFamily() {
        assertEquals("one_hot: class indices must be one column and the class count positive (classes 0);"
                + " got [B×1]", fails(Op.ONE_HOT, List.of(B1), Attrs.size(0)));
        assertEquals("softmax_ce: targets must be one column of class indices with the logits' rows;"
                + " got [B×7], [3×1]", fails(Op.SOFTMAX_CE, List.of(Shape.batch(7), Shape.of(3, 1)), Attrs.NONE));
    }

    private static String fails(Op op, List<Shape> in, Attrs attrs) {
        return assertThrows(UnrollException.class, () -> ShapeRules.infer(op, in, attrs)).getMessage();
    }
}
