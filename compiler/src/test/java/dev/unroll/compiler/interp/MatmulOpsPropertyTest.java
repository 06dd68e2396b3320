package dev.unroll.compiler.interp;

import static dev.unroll.compiler.interp.OneOp.batched;
import static dev.unroll.compiler.interp.OneOp.fixed;
import static dev.unroll.compiler.interp.Ref.assertClose;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Property;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.Op;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.math3.linear.RealMatrix;

/** The three matrix products agree with commons-math3's multiply and transpose. */
class MatmulOpsPropertyTest {

    static final Set<Op> OPS = EnumSet.of(Op.MATMUL, Op.MATMUL_NT, Op.MATMUL_TN);

    private static final double TOL = 1e-12;

    static Gen<Sample> samples() {
        return Sample.gen();
    }

    @Property
    void matmul(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat w = s.v(s.n(), s.m());
        RealMatrix expected = Oracle.real(x).multiply(Oracle.real(w));
        assertClose(expected.getData(), OneOp.eval(s.b(), Op.MATMUL, Attrs.NONE, batched(x), fixed(w)), TOL,
                "matmul");
    }

    @Property
    void matmulWithTheRightOperandTransposed(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat w = s.v(s.m(), s.n());
        RealMatrix expected = Oracle.real(x).multiply(Oracle.real(w).transpose());
        assertClose(expected.getData(), OneOp.eval(s.b(), Op.MATMUL_NT, Attrs.NONE, batched(x), fixed(w)), TOL,
                "matmul_nt");
    }

    @Property
    void matmulWithTheLeftOperandTransposed(@ForAll("samples") Sample s) {
        Mat x = s.u(s.b(), s.n());
        Mat y = s.v(s.b(), s.m());
        RealMatrix expected = Oracle.real(x).transpose().multiply(Oracle.real(y));
        assertClose(expected.getData(), OneOp.eval(s.b(), Op.MATMUL_TN, Attrs.NONE, batched(x), batched(y)), TOL,
                "matmul_tn");
    }
}
