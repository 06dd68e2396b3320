package dev.unroll.compiler.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.unroll.kernels.Dtype;

/** How values of the kernel's dtype are written in Java: element and array types and literals. */
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

    /** {@code 1.0 / rows} in the element type, as the interpreter's mean factor. */
    CodeBlock reciprocal(CodeBlock count) {
        return isFloat() ? CodeBlock.of("(float) (1.0 / $L)", count) : CodeBlock.of("1.0 / $L", count);
    }
}
