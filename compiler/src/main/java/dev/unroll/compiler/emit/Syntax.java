package dev.unroll.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.unroll.compiler.kernel.Dtype;

/** How values of the kernel's dtype are written in Java: element and array types, literals and math calls. */
final class Syntax {

    private final Dtype dtype;

    Syntax(Dtype dtype) {
        this.dtype = dtype;
    }

    Dtype dtype() {
        return dtype;
    }

    boolean isFloat() {
        return switch (dtype) {
            case FLOAT32 -> true;
            case FLOAT64 -> false;
        };
    }

    /** {@code double} or {@code float}. */
    TypeName element() {
        return isFloat() ? TypeName.FLOAT : TypeName.DOUBLE;
    }

    /** {@code double[]} or {@code float[]}. */
    TypeName array() {
        return ArrayTypeName.of(element());
    }

    /** A literal of the element type: {@code 0.5} or {@code 0.5f}; values beyond float range stay exact casts. */
    CodeBlock literal(double value) {
        if (!isFloat()) {
            return CodeBlock.of("$L", Double.toString(value));
        }
        float f = (float) value;
        return Float.isFinite(f) ? CodeBlock.of("$Lf", Float.toString(f))
                : CodeBlock.of("(float) $L", Double.toString(value));
    }

    /** A call of a {@code double → double} function of {@link Math}, rounded back to float in float32. */
    CodeBlock math(String function, CodeBlock argument) {
        return isFloat() ? CodeBlock.of("(float) $T.$N($L)", Types.MATH, function, argument)
                : CodeBlock.of("$T.$N($L)", Types.MATH, function, argument);
    }

    /** The element type's negative infinity. */
    CodeBlock negativeInfinity() {
        return CodeBlock.of("$T.NEGATIVE_INFINITY", isFloat() ? Types.FLOAT : Types.DOUBLE);
    }

    /** {@code 1.0 / rows} in the element type, as the interpreter's mean factor. */
    CodeBlock reciprocal(CodeBlock count) {
        return isFloat() ? CodeBlock.of("(float) (1.0 / $L)", count) : CodeBlock.of("1.0 / $L", count);
    }
}
