package dev.unroll.compiler.interp;

import static dev.unroll.compiler.interp.OneOp.batched;
import static dev.unroll.compiler.interp.OneOp.fixed;
import static dev.unroll.compiler.interp.Ref.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import java.util.EnumSet;
import java.util.Set;

/**
 * Concatenation, slices, pads, reductions and broadcasts agree with index loops, and each pair that autodiff
 * relies on is adjoint: {@code <slice(z), q> = <z, pad(q)>}, {@code <sum_rows(x), r> = <x, broadcast_rows(r)>},
 * {@code <mean_rows(x), r> = <x, spread_rows(r)>} and {@code <sum_cols(x), c> = <x, broadcast_cols(c)>}.
 */
class StructuralOpsPropertyTest {

    static final Set<Op> OPS = EnumSet.of(Op.CONCAT, Op.SLICE, Op.PAD, Op.SUM_ROWS, Op.SUM_COLS, Op.MEAN_ROWS,
            Op.MEAN_COLS, Op.BROADCAST_ROWS, Op.SPREAD_ROWS, Op.BROADCAST_COLS);

    private static final double TOL = 1e-12;

    static Gen<Sample> samples() {
        return Sample.gen();
    }

    @Property
    void concatPlacesOperandsSideBySideAndSlicesGetThemBack(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat y = s.v(s.b(), s.m());
        Mat z = s.w(s.b(), s.k());
        Mat xyz = OneOp.eval(s.b(), Op.CONCAT, Attrs.NONE, batched(x), batched(y), batched(z));
        double[][] expected = new double[s.b()][s.n() + s.m() + s.k()];
        for (int r = 0; r < s.b(); r++) {
            for (int c = 0; c < s.n(); c++) {
                expected[r][c] = x.get(r, c);
            }
            for (int c = 0; c < s.m(); c++) {
                expected[r][s.n() + c] = y.get(r, c);
            }
            for (int c = 0; c < s.k(); c++) {
                expected[r][s.n() + s.m() + c] = z.get(r, c);
            }
        }
        assertClose(expected, xyz, 0, "concat");
        assertEquals(x, OneOp.eval(s.b(), Op.CONCAT, Attrs.NONE, batched(x)), "concat of one value");
        assertEquals(x, slice(s, xyz, 0, s.n()), "slice of the first part");
        assertEquals(y, slice(s, xyz, s.n(), s.m()), "slice of the middle part");
        assertEquals(z, slice(s, xyz, s.n() + s.m(), s.k()), "slice of the last part");
    }

    @Property
    void padPutsTheValueAmongZeros(@ForAll("samples") Sample s) {
        Mat q = s.u(s.b(), s.m());
        int width = s.n() + s.m() + s.k();
        Mat padded = OneOp.eval(s.b(), Op.PAD, Attrs.range(s.n(), width), batched(q));
        double[][] expected = new double[s.b()][width];
        for (int r = 0; r < s.b(); r++) {
            for (int c = 0; c < s.m(); c++) {
                expected[r][s.n() + c] = q.get(r, c);
            }
        }
        assertClose(expected, padded, 0, "pad");
        assertEquals(q, slice(s, padded, s.n(), s.m()), "slice of a pad");
    }

    @Property
    void sliceAndPadAreAdjoint(@ForAll("samples") Sample s) {
        int width = s.n() + s.m() + s.k();
        int offset = s.n() - 1;
        Mat z = s.u(s.b(), width);
        Mat q = s.v(s.b(), s.m());
        double left = Ref.dot(slice(s, z, offset, s.m()), q);
        double right = Ref.dot(z, OneOp.eval(s.b(), Op.PAD, Attrs.range(offset, width), batched(q)));
        assertEquals(left, right, TOL * Math.max(1, Math.abs(left)));
    }

    @Property
    void sumsAndMeans(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        double[][] colSums = new double[1][s.n()];
        double[][] rowSums = new double[s.b()][1];
        for (int r = 0; r < s.b(); r++) {
            for (int c = 0; c < s.n(); c++) {
                colSums[0][c] += x.get(r, c);
                rowSums[r][0] += x.get(r, c);
            }
        }
        assertClose(colSums, OneOp.eval(s.b(), Op.SUM_ROWS, Attrs.NONE, batched(x)), TOL, "sum_rows");
        assertClose(rowSums, OneOp.eval(s.b(), Op.SUM_COLS, Attrs.NONE, batched(x)), TOL, "sum_cols");
        assertClose(scaled(colSums, 1.0 / s.b()), OneOp.eval(s.b(), Op.MEAN_ROWS, Attrs.NONE, batched(x)), TOL,
                "mean_rows");
        assertClose(scaled(rowSums, 1.0 / s.n()), OneOp.eval(s.b(), Op.MEAN_COLS, Attrs.NONE, batched(x)), TOL,
                "mean_cols");
    }

    @Property
    void broadcastsRepeatTheRowOrColumn(@ForAll("samples") Sample s) {
        Mat row = s.u(1, s.n());
        Mat col = s.v(s.b(), 1);
        double[][] rows = new double[s.b()][s.n()];
        double[][] fixedRows = new double[s.k()][s.n()];
        double[][] cols = new double[s.b()][s.m()];
        for (int r = 0; r < s.b(); r++) {
            for (int c = 0; c < s.n(); c++) {
                rows[r][c] = row.get(0, c);
            }
            for (int c = 0; c < s.m(); c++) {
                cols[r][c] = col.get(r, 0);
            }
        }
        for (int r = 0; r < s.k(); r++) {
            fixedRows[r] = rows[0].clone();
        }
        Attrs toBatch = Attrs.size(Shape.BATCH);
        assertClose(rows, OneOp.eval(s.b(), Op.BROADCAST_ROWS, toBatch, fixed(row)), 0, "broadcast_rows to B");
        assertClose(fixedRows, OneOp.eval(s.b(), Op.BROADCAST_ROWS, Attrs.size(s.k()), fixed(row)), 0,
                "broadcast_rows to k");
        assertClose(scaled(rows, 1.0 / s.b()), OneOp.eval(s.b(), Op.SPREAD_ROWS, toBatch, fixed(row)), TOL,
                "spread_rows to B");
        assertClose(scaled(fixedRows, 1.0 / s.k()), OneOp.eval(s.b(), Op.SPREAD_ROWS, Attrs.size(s.k()),
                fixed(row)), TOL, "spread_rows to k");
        assertClose(cols, OneOp.eval(s.b(), Op.BROADCAST_COLS, Attrs.size(s.m()), batched(col)), 0,
                "broadcast_cols");
    }

    @Property
    void reductionsAndBroadcastsAreAdjoint(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat row = s.v(1, s.n());
        Mat col = s.w(s.b(), 1);
        Attrs toBatch = Attrs.size(Shape.BATCH);
        assertAdjoint(OneOp.eval(s.b(), Op.SUM_ROWS, Attrs.NONE, batched(x)), row,
                x, OneOp.eval(s.b(), Op.BROADCAST_ROWS, toBatch, fixed(row)), "sum_rows / broadcast_rows");
        assertAdjoint(OneOp.eval(s.b(), Op.MEAN_ROWS, Attrs.NONE, batched(x)), row,
                x, OneOp.eval(s.b(), Op.SPREAD_ROWS, toBatch, fixed(row)), "mean_rows / spread_rows");
        assertAdjoint(OneOp.eval(s.b(), Op.SUM_COLS, Attrs.NONE, batched(x)), col,
                x, OneOp.eval(s.b(), Op.BROADCAST_COLS, Attrs.size(s.n()), batched(col)), "sum_cols / broadcast_cols");
    }

    private static void assertAdjoint(Mat fx, Mat y, Mat x, Mat gy, String what) {
        double left = Ref.dot(fx, y);
        assertEquals(left, Ref.dot(x, gy), TOL * Math.max(1, Math.abs(left)), what);
    }

    private static Mat slice(Sample s, Mat z, int offset, int width) {
        return OneOp.eval(s.b(), Op.SLICE, Attrs.range(offset, width), batched(z));
    }

    private static double[][] scaled(double[][] a, double factor) {
        double[][] out = new double[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = a[r].clone();
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] *= factor;
            }
        }
        return out;
    }
}
