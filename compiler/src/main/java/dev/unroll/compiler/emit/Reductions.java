package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;

/** The emitter rows of the ops that reduce along rows or columns: sums, means, softmax, one-hot and cross-entropy. */
final class Reductions {

    private Reductions() {
    }

    /**
     * {@code out[c] = Σ_r a[r, c]} (one {@code Elementwise.sumRows} call, from zero in row order), times
     * {@code 1 / rows} for a mean (as the interpreter: sum, then scale).
     */
    static CodeBlock sumRows(NodeCode c, boolean mean) {
        Operand a = c.in(0);
        Operand out = c.out();
        CodeBlock.Builder code = CodeBlock.builder().addStatement("$T.sumRows($N, $L, $N, $L, $L, $L)",
                Types.ELEMENTWISE, a.array(), a.base(), out.array(), out.base(), c.rows(a.shape()), a.cols());
        if (mean) {
            String factor = c.locals().local("f");
            code.addStatement("$T $N = $L", c.syntax().element(), factor, c.syntax().reciprocal(c.rows(a.shape())));
            code.add(c.perCol(a.cols(), col -> CodeBlock.builder()
                    .addStatement("$L *= $N", out.at(col), factor)
                    .build()));
        }
        return code.build();
    }

    /** {@code out[r] = Σ_c a[r, c]}, times {@code 1 / cols} for a mean. */
    static CodeBlock sumCols(NodeCode c, boolean mean) {
        Operand a = c.in(0);
        Operand out = c.out();
        String sum = c.locals().local("s");
        return c.perRow(a.shape(), r -> CodeBlock.builder()
                .addStatement("$T $N = $L", c.syntax().element(), sum, c.syntax().literal(0.0))
                .add(c.perCol(a.cols(), col -> CodeBlock.builder()
                        .addStatement("$N += $L", sum, a.at(NodeCode.index(r, a.cols(), col)))
                        .build()))
                .addStatement("$L = $L", out.at(r), mean
                        ? CodeBlock.of("$N * ($L)", sum, c.syntax().reciprocal(CodeBlock.of("$L", a.cols())))
                        : CodeBlock.of("$N", sum))
                .build());
    }

    /** Row-wise {@code exp(a − max) / Σ exp(a − max)}: one {@code RowMath} call for the block. */
    static CodeBlock softmax(NodeCode c) {
        Operand a = c.in(0);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.softmax($N, $L, $N, $L, $L, $L)", Types.ROW_MATH, a.array(), a.base(), out.array(),
                        out.base(), c.rows(a.shape()), a.cols())
                .build();
    }

    /** Zeros with a one in each row at the column its class index names (checked to be in range). */
    static CodeBlock oneHot(NodeCode c) {
        Operand idx = c.in(0);
        Operand out = c.out();
        return CodeBlock.builder()
                .add(Movement.zero(c, out))
                .add(c.perRow(out.shape(), r -> CodeBlock.builder()
                        .addStatement("$L = $L", out.at(classColumn(r, out.cols(), classIndex(idx, r, out.cols()))),
                                c.syntax().literal(1.0))
                        .build()))
                .build();
    }

    /**
     * Row-wise {@code max + log Σ exp(a − max) − a[target]}: the first two terms in one {@code RowMath} call for the
     * block, then the target's logit subtracted row by row.
     */
    static CodeBlock softmaxCrossEntropy(NodeCode c) {
        Operand logits = c.in(0);
        Operand targets = c.in(1);
        Operand out = c.out();
        int cols = logits.cols();
        return CodeBlock.builder()
                .addStatement("$T.logSumExp($N, $L, $N, $L, $L, $L)", Types.ROW_MATH, logits.array(), logits.base(),
                        out.array(), out.base(), c.rows(logits.shape()), cols)
                .add(c.perRow(logits.shape(), r -> CodeBlock.builder()
                        .addStatement("$L = $L - $L", out.at(r), out.at(r),
                                logits.at(classColumn(r, cols, classIndex(targets, r, cols))))
                        .build()))
                .build();
    }

    /** The checked class index held in row {@code r} of a one-column value. */
    private static CodeBlock classIndex(Operand idx, CodeBlock r, int classes) {
        return CodeBlock.of("$T.classIndex($L, $L, $L)", Types.SCALAR, idx.at(r), r, classes);
    }

    /** The index of column {@code column} of row {@code r}; the column is kept even where it must be 0. */
    private static CodeBlock classColumn(CodeBlock r, int cols, CodeBlock column) {
        if (NodeCode.ZERO.equals(r)) {
            return column;
        }
        return cols == 1 ? CodeBlock.of("$L + $L", r, column) : CodeBlock.of("$L * $L + $L", r, cols, column);
    }
}
