package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;

/** The emitter rows of the ops that reduce along rows or columns: sums, means, softmax, one-hot and cross-entropy. */
final class Reductions {

    private Reductions() {
    }

    /** {@code out[c] = Σ_r a[r, c]}, times {@code 1 / rows} for a mean (as the interpreter: sum, then scale). */
    static CodeBlock sumRows(NodeCode c, boolean mean) {
        Operand a = c.in(0);
        Operand out = c.out();
        CodeBlock.Builder code = CodeBlock.builder().add(Layout.zero(c, out));
        code.add(c.perRow(a.shape(), r -> c.perCol(a.cols(), col -> CodeBlock.builder()
                .addStatement("$L += $L", out.at(col), a.at(NodeCode.index(r, a.cols(), col)))
                .build())));
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

    /** Row-wise {@code exp(a − max) / Σ exp(a − max)}. */
    static CodeBlock softmax(NodeCode c) {
        Operand a = c.in(0);
        Operand out = c.out();
        String sum = c.locals().local("sum");
        return c.perRow(a.shape(), r -> CodeBlock.builder()
                .add(rowMax(c, a, r))
                .addStatement("$T $N = $L", c.syntax().element(), sum, c.syntax().literal(0.0))
                .add(c.perCol(a.cols(), col -> CodeBlock.builder()
                        .addStatement("$L = $L", out.at(NodeCode.index(r, a.cols(), col)), c.syntax().math("exp",
                                CodeBlock.of("$L - $N", a.at(NodeCode.index(r, a.cols(), col)), max(c))))
                        .addStatement("$N += $L", sum, out.at(NodeCode.index(r, a.cols(), col)))
                        .build()))
                .add(c.perCol(a.cols(), col -> CodeBlock.builder()
                        .addStatement("$L /= $N", out.at(NodeCode.index(r, a.cols(), col)), sum)
                        .build()))
                .build());
    }

    /** Zeros with a one in each row at the column its class index names (checked to be in range). */
    static CodeBlock oneHot(NodeCode c) {
        Operand idx = c.in(0);
        Operand out = c.out();
        return CodeBlock.builder()
                .add(Layout.zero(c, out))
                .add(c.perRow(out.shape(), r -> CodeBlock.builder()
                        .addStatement("$L = $L", out.at(classColumn(r, out.cols(), classIndex(idx, r, out.cols()))),
                                c.syntax().literal(1.0))
                        .build()))
                .build();
    }

    /** Row-wise {@code max + log Σ exp(a − max) − a[target]}. */
    static CodeBlock softmaxCrossEntropy(NodeCode c) {
        Operand logits = c.in(0);
        Operand targets = c.in(1);
        Operand out = c.out();
        String sum = c.locals().local("sum");
        int cols = logits.cols();
        return c.perRow(logits.shape(), r -> CodeBlock.builder()
                .add(rowMax(c, logits, r))
                .addStatement("$T $N = $L", c.syntax().element(), sum, c.syntax().literal(0.0))
                .add(c.perCol(cols, col -> CodeBlock.builder()
                        .addStatement("$N += $L", sum, c.syntax().math("exp",
                                CodeBlock.of("$L - $N", logits.at(NodeCode.index(r, cols, col)), max(c))))
                        .build()))
                .addStatement("$L = $N + $L - $L", out.at(r), max(c), c.syntax().math("log", CodeBlock.of("$N", sum)),
                        logits.at(classColumn(r, cols, classIndex(targets, r, cols))))
                .build());
    }

    /** {@code max = the largest element of row r}. */
    private static CodeBlock rowMax(NodeCode c, Operand a, CodeBlock r) {
        return CodeBlock.builder()
                .addStatement("$T $N = $L", c.syntax().element(), max(c), c.syntax().negativeInfinity())
                .add(c.perCol(a.cols(), col -> CodeBlock.builder()
                        .addStatement("$N = $T.max($N, $L)", max(c), Types.MATH, max(c),
                                a.at(NodeCode.index(r, a.cols(), col)))
                        .build()))
                .build();
    }

    /** The local holding a row's maximum. */
    private static String max(NodeCode c) {
        return c.locals().local("max");
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
