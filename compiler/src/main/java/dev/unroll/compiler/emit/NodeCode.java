package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.ir.Node;
import dev.unroll.dsl.ir.Shape;
import java.util.List;
import java.util.function.Function;

/**
 * Everything the code of one node needs: the node, where it writes, what it reads, the dtype's syntax and the
 * method's local names; with the loop shapes every op rule is built from.
 *
 * @param node the node
 * @param out where the node's value goes
 * @param in the node's inputs, in order
 * @param syntax the dtype's syntax
 * @param names the class-level names
 * @param locals the method's local names
 */
record NodeCode(Node node, Operand out, List<Operand> in, Syntax syntax, Naming names, Naming.Locals locals) {

    /** The index of a single row or column, for which no loop is written. */
    static final CodeBlock ZERO = CodeBlock.of("0");

    /** Input {@code i}. */
    Operand in(int i) {
        return in.get(i);
    }

    /** The row count of a value: the batch parameter for batched shapes, a literal otherwise. */
    CodeBlock rows(Shape shape) {
        return shape.batched() ? CodeBlock.of("$N", names.batch) : CodeBlock.of("$L", shape.rows());
    }

    /** The element count of a value: {@code batch * cols} for batched shapes, a literal otherwise. */
    CodeBlock elements(Shape shape) {
        return shape.batched() ? CodeBlock.of("$N * $L", names.batch, shape.cols())
                : CodeBlock.of("$L", shape.rows() * shape.cols());
    }

    /** {@code for (r < rows) { body(r) }} over the rows of {@code shape}; a single fixed row needs no loop. */
    CodeBlock perRow(Shape shape, Function<CodeBlock, CodeBlock> body) {
        return shape.batched() || shape.rows() > 1 ? loop("r", rows(shape), body) : body.apply(ZERO);
    }

    /** {@code for (c < cols) { body(c) }}; a single column needs no loop. */
    CodeBlock perCol(int cols, Function<CodeBlock, CodeBlock> body) {
        return cols > 1 ? loop("c", CodeBlock.of("$L", cols), body) : body.apply(ZERO);
    }

    /** The index {@code r * cols + c} of an element of a value with {@code cols} columns, without zero terms. */
    static CodeBlock index(CodeBlock r, int cols, CodeBlock c) {
        if (ZERO.equals(r)) {
            return c;
        }
        CodeBlock row = cols == 1 ? r : CodeBlock.of("$L * $L", r, cols);
        return ZERO.equals(c) ? row : CodeBlock.of("$L + $L", row, c);
    }

    private CodeBlock loop(String suggestion, CodeBlock count, Function<CodeBlock, CodeBlock> body) {
        String v = locals.local(suggestion);
        return CodeBlock.builder()
                .beginControlFlow("for (int $N = 0; $N < $L; $N++)", v, v, count, v)
                .add(body.apply(CodeBlock.of("$N", v)))
                .endControlFlow()
                .build();
    }
}
