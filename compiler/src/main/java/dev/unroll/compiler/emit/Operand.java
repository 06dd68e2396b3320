package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.ir.Shape;

/**
 * A value as a node's code sees it: the array field, the local holding the offset of the current step's block
 * ({@code null} for single-block buffers) and the value's shape.
 *
 * @param array the array field's name
 * @param offset the offset local's name, or {@code null} when the block starts at 0
 * @param shape the value's shape
 */
record Operand(String array, String offset, Shape shape) {

    /** The element at {@code index} of the current block ({@link NodeCode#ZERO}: the block's first element). */
    CodeBlock at(CodeBlock index) {
        if (offset == null) {
            return CodeBlock.of("$N[$L]", array, index);
        }
        return NodeCode.ZERO.equals(index) ? CodeBlock.of("$N[$N]", array, offset)
                : CodeBlock.of("$N[$N + $L]", array, offset, index);
    }

    /** The offset of the current block. */
    CodeBlock base() {
        return offset == null ? CodeBlock.of("0") : CodeBlock.of("$N", offset);
    }

    /** The number of columns. */
    int cols() {
        return shape.cols();
    }
}
