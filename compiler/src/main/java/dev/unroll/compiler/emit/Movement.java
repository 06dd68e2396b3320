package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/** The emitter rows of the ops that move values: bias rows, concatenation, slices, pads and broadcasts. */
final class Movement {

    private Movement() {
    }

    /** {@code out[r, c] = a[r, c] + bias[c]}: one {@code Elementwise.addBias} call for the block. */
    static CodeBlock addBias(NodeCode c) {
        Operand a = c.in(0);
        Operand bias = c.in(1);
        Operand out = c.out();
        return CodeBlock.builder()
                .addStatement("$T.addBias($N, $L, $N, $L, $N, $L, $L, $L)", Types.ELEMENTWISE, a.array(), a.base(),
                        bias.array(), bias.base(), out.array(), out.base(), c.rows(out.shape()), out.cols())
                .build();
    }

    /** Each row of the output is the rows of the inputs side by side; the first input starts at {@code column}. */
    static CodeBlock concat(NodeCode c, int firstColumn) {
        Operand out = c.out();
        return c.perRow(out.shape(), r -> {
            CodeBlock.Builder row = CodeBlock.builder();
            int column = firstColumn;
            for (Operand in : c.in()) {
                row.add(copy(in, rowStart(in, r, 0), out, rowStart(out, r, column), in.cols()));
                column += in.cols();
            }
            return row.build();
        });
    }

    /** Columns {@code [offset, offset + width)} of each row. */
    static CodeBlock slice(NodeCode c) {
        Operand a = c.in(0);
        Operand out = c.out();
        int offset = c.node().attrs().offset();
        return c.perRow(out.shape(), r -> copy(a, rowStart(a, r, offset), out, rowStart(out, r, 0), out.cols()));
    }

    /** Zeros, with each row of the input at column {@code offset}. */
    static CodeBlock pad(NodeCode c) {
        Operand a = c.in(0);
        Operand out = c.out();
        int offset = c.node().attrs().offset();
        return CodeBlock.builder()
                .add(zero(c, out))
                .add(c.perRow(out.shape(), r -> copy(a, rowStart(a, r, 0), out, rowStart(out, r, offset), a.cols())))
                .build();
    }

    /** Every row is the single input row, times {@code 1 / rows} for the adjoint of a mean. */
    static CodeBlock broadcastRows(NodeCode c, boolean spread) {
        Operand a = c.in(0);
        Operand out = c.out();
        CodeBlock.Builder code = CodeBlock.builder();
        String factor = spread ? c.locals().local("f") : null;
        if (spread) {
            code.addStatement("$T $N = $L", c.syntax().element(), factor, c.syntax().reciprocal(c.rows(out.shape())));
        }
        return code.add(c.perRow(out.shape(), r -> c.perCol(out.cols(), col -> CodeBlock.builder()
                .addStatement("$L = $L", out.at(NodeCode.index(r, out.cols(), col)),
                        spread ? CodeBlock.of("$L * $N", a.at(col), factor) : a.at(col))
                .build()))).build();
    }

    /** Every column is the single input column. */
    static CodeBlock broadcastCols(NodeCode c) {
        Operand a = c.in(0);
        Operand out = c.out();
        return c.perRow(out.shape(), r -> c.perCol(out.cols(), col -> CodeBlock.builder()
                .addStatement("$L = $L", out.at(NodeCode.index(r, out.cols(), col)), a.at(r))
                .build()));
    }

    /** {@code Arrays.fill} of the output's current block with zeros. */
    static CodeBlock zero(NodeCode c, Operand out) {
        CodeBlock end = out.offset() == null ? c.elements(out.shape())
                : CodeBlock.of("$N + $L", out.offset(), c.elements(out.shape()));
        return CodeBlock.builder()
                .addStatement("$T.fill($N, $L, $L, $L)", Types.ARRAYS, out.array(), out.base(), end,
                        c.syntax().literal(0.0))
                .build();
    }

    /** {@code base + r * cols + column}, without the terms that are zero. */
    static CodeBlock rowStart(Operand o, CodeBlock r, int column) {
        List<CodeBlock> terms = new ArrayList<>();
        if (o.offset() != null) {
            terms.add(CodeBlock.of("$N", o.offset()));
        }
        if (!NodeCode.ZERO.equals(r)) {
            terms.add(NodeCode.index(r, o.cols(), NodeCode.ZERO));
        }
        if (column != 0) {
            terms.add(CodeBlock.of("$L", column));
        }
        return terms.isEmpty() ? NodeCode.ZERO : CodeBlock.join(terms, " + ");
    }

    private static CodeBlock copy(Operand from, CodeBlock fromIndex, Operand to, CodeBlock toIndex, int length) {
        return CodeBlock.builder()
                .addStatement("$T.arraycopy($N, $L, $N, $L, $L)", Types.SYSTEM, from.array(), fromIndex, to.array(),
                        toIndex, length)
                .build();
    }
}
