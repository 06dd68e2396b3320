package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.ir.Shape;

/**
 * A value as a node's code sees it: the array field, the local holding the offset of the current step's block
 * ({@code null} for single-block buffers) and the value's shape; or, for a constant the op reads as a scalar, no
 * array but the constant's value.
 *
 * @param array the array field's name, or {@code null} for a constant
 * @param offset the offset local's name, or {@code null} when the block starts at 0
 * @param shape the value's shape
 * @param value a constant's value (every element), {@code 0} for arrays
 */
record Operand(String array, String offset, Shape shape, double value) {

    /** A block of array {@code array}. */
    Operand(String array, String offset, Shape shape) {
        this(array, offset, shape, 0);
    }

    /** A constant read as a scalar: no buffer holds it. */
    static Operand constant(double value, Shape shape) {
        return new Operand(null, null, shape, value);
    }

    /** Whether this is a constant the code reads as a literal. */
    boolean isConstant() {
        return array == null;
    }

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
