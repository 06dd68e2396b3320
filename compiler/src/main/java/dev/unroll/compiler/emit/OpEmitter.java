package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.ir.Node;

/**
 * The emitter row of every op: the Java code computing one node's value from its inputs' values, with exactly the
 * arithmetic of the interpreter's rule ({@code OpSemantics}). One exhaustive switch; a test walks
 * {@code Op.values()}.
 */
final class OpEmitter {

    private OpEmitter() {
    }

    /** The code of node {@code c.node()}; empty for leaves, whose values are bound or filled once, never computed. */
    static CodeBlock body(NodeCode c) {
        Node n = c.node();
        Syntax s = c.syntax();
        return switch (n.op()) {
            case INPUT, STATE, PARAM, CONST -> CodeBlock.of("");
            case MATMUL -> gemm(c, "gemmNN", c.rows(c.in(0).shape()), c.in(0).cols(), c.in(1).cols());
            case MATMUL_NT -> gemm(c, "gemmNT", c.rows(c.in(0).shape()), c.in(0).cols(), c.in(1).shape().rows());
            case MATMUL_TN -> gemm(c, "gemmTN", CodeBlock.of("$L", c.in(0).cols()), c.rows(c.in(0).shape()),
                    c.in(1).cols());
            case ADD -> binary(c, "add");
            case SUB -> binary(c, "sub");
            case MUL -> binary(c, "mul");
            case DIV -> binary(c, "div");
            case ADD_BIAS -> Movement.addBias(c);
            case NEG -> unary(c, "neg", CodeBlock.of(""));
            case SCALE -> unary(c, "scale", CodeBlock.of("$L, ", s.literal(n.attrs().scalar())));
            case TANH -> arrayMath(c, "tanh");
            case SIGMOID -> arrayMath(c, "sigmoid");
            case RELU -> arrayMath(c, "relu");
            case STEP -> arrayMath(c, "step");
            case EXP -> arrayMath(c, "exp");
            case LOG -> arrayMath(c, "log");
            case SQRT -> arrayMath(c, "sqrt");
            case DETACH -> CodeBlock.builder().addStatement("$T.arraycopy($N, $L, $N, $L, $L)", Types.SYSTEM,
                    c.in(0).array(), c.in(0).base(), c.out().array(), c.out().base(), c.elements(n.shape())).build();
            case CONCAT -> Movement.concat(c, 0);
            case SLICE -> Movement.slice(c);
            case PAD -> Movement.pad(c);
            case SUM_ROWS -> Reductions.sumRows(c, false);
            case MEAN_ROWS -> Reductions.sumRows(c, true);
            case SUM_COLS -> Reductions.sumCols(c, false);
            case MEAN_COLS -> Reductions.sumCols(c, true);
            case BROADCAST_ROWS -> Movement.broadcastRows(c, false);
            case SPREAD_ROWS -> Movement.broadcastRows(c, true);
            case BROADCAST_COLS -> Movement.broadcastCols(c);
            case SOFTMAX -> Reductions.softmax(c);
            case ONE_HOT -> Reductions.oneHot(c);
            case SOFTMAX_CE -> Reductions.softmaxCrossEntropy(c);
        };
    }

    /**
     * A {@code matmul_nt} whose second operand the caller replaced by its transposed copy ({@code Item.TransposedProduct}):
     * {@code a · (bᵀ)} as a product on rows.
     */
    static CodeBlock productWithTransposed(NodeCode c) {
        return gemm(c, "gemmNN", c.rows(c.in(0).shape()), c.in(0).cols(), c.out().cols());
    }

    /** {@code Blas.<routine>(a, b, out, m, k, n)}. */
    private static CodeBlock gemm(NodeCode c, String routine, CodeBlock m, Object k, Object n) {
        Operand a = c.in(0);
        Operand b = c.in(1);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($N, $L, $N, $L, $N, $L, $L, $L, $L)", Types.BLAS, routine, a.array(), a.base(),
                        b.array(), b.base(), out.array(), out.base(), m, k, n)
                .build();
    }

    /**
     * {@code ArrayMath.<function>(in, out, elements)}: one call per block, so the vector path can evaluate whole
     * vectors of a transcendental function where a scalar loop would call {@link Math} per element, or blend where
     * it would branch on the sign.
     */
    private static CodeBlock arrayMath(NodeCode c, String function) {
        Operand a = c.in(0);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($N, $L, $N, $L, $L)", Types.ARRAY_MATH, function, a.array(), a.base(),
                        out.array(), out.base(), c.elements(out.shape()))
                .build();
    }

    /** {@code Elementwise.<operation>(a, b, out, elements)}: one vector loop per block ({@code Elementwise}). */
    private static CodeBlock binary(NodeCode c, String operation) {
        Operand a = c.in(0);
        Operand b = c.in(1);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($N, $L, $N, $L, $N, $L, $L)", Types.ELEMENTWISE, operation, a.array(), a.base(),
                        b.array(), b.base(), out.array(), out.base(), c.elements(out.shape()))
                .build();
    }

    /** {@code Elementwise.<operation>(<leading arguments>a, out, elements)}. */
    private static CodeBlock unary(NodeCode c, String operation, CodeBlock leading) {
        Operand a = c.in(0);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.$N($L$N, $L, $N, $L, $L)", Types.ELEMENTWISE, operation, leading, a.array(),
                        a.base(), out.array(), out.base(), c.elements(out.shape()))
                .build();
    }
}
