package dev.unroll.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.kernels.KernelSpec;

/**
 * One primitive array field of a generated kernel: its name, what it holds, the shape of one value and how many
 * blocks (one per step, or a single one) it holds. Step {@code t}'s value starts at {@code t·stride}, where the
 * stride is the one {@link KernelSpec.Slot#stride} gives the kernel's accessors, so that the generated code and
 * {@code AbstractKernel} share one block layout.
 *
 * @param field the field's name
 * @param role what the buffer holds
 * @param shape the shape of one value
 * @param fill for {@link Role#CONSTANT_OUTPUT}, the value of every element
 * @param description a short text for the field's Javadoc
 * @param maxBatch the kernel's batch capacity, which fixes the stride of batched values
 */
record Buffer(String field, Role role, Shape shape, double fill, String description, int maxBatch) {

    /** What a buffer holds, which fixes how many blocks it has and which block a step reads. */
    enum Role {
        /** A parameter: one value for all steps. */
        PARAMETER,
        /**
         * A constant the caller reads as an output, filled in the constructor; a constant that only nodes read has
         * no buffer.
         */
        CONSTANT_OUTPUT,
        /** A per-step input set by the caller. */
        INPUT,
        /** A state: block t is the state entering step t, so it has one more block than steps. */
        STATE,
        /** A forward value the backward pass or the caller reads: one block per step (the tape). */
        TAPE,
        /** A forward value computed for every step before the forward loop: one block per step. */
        HOISTED,
        /** An adjoint value a weight gradient after the backward loop reads: one block per step. */
        KEPT,
        /** A value only its own step reads: one block, overwritten every step. */
        SCRATCH,
        /** A parameter transposed once per backward pass, for the products that read it transposed. */
        TRANSPOSED,
        /** Parameters packed side by side once per forward pass, for a merged product. */
        PACKED,
        /** The per-step seed of a seeded output. */
        SEED,
        /** A state's adjoint: block t flows from step t into step t−1; step t reads block t+1. */
        STATE_ADJOINT,
        /** A parameter's gradient, summed over the steps. */
        GRADIENT,
        /** An input's gradient, one block per step. */
        INPUT_GRADIENT
    }

    /** Whether the buffer holds one block per step. */
    boolean perStep() {
        return switch (role) {
            case INPUT, STATE, TAPE, HOISTED, KEPT, SEED, STATE_ADJOINT, INPUT_GRADIENT -> true;
            case PARAMETER, CONSTANT_OUTPUT, SCRATCH, TRANSPOSED, PACKED, GRADIENT -> false;
        };
    }

    /** The block step {@code t} reads, relative to {@code t}: 1 for state adjoints, 0 otherwise. */
    int readShift() {
        return role == Role.STATE_ADJOINT ? 1 : 0;
    }

    /** The offset of the block step 0 reads: 0, or one block for state adjoints. */
    CodeBlock firstBlock(Naming names) {
        return readShift() == 0 ? CodeBlock.of("0") : stride(names);
    }

    /** The number of blocks as an expression of the step capacity. */
    CodeBlock blocks(Naming names) {
        if (!perStep()) {
            return CodeBlock.of("1");
        }
        boolean extra = role == Role.STATE || role == Role.STATE_ADJOINT;
        return extra ? CodeBlock.of("($N + 1)", names.maxSteps) : CodeBlock.of("$N", names.maxSteps);
    }

    /** The value's layout as the kernel's accessors see it. */
    KernelSpec.Slot slot() {
        return shape.batched() ? KernelSpec.Slot.batched(field, shape.cols())
                : KernelSpec.Slot.fixed(field, shape.rows(), shape.cols());
    }

    /** The length of one block, {@link KernelSpec.Slot#stride} for the batch capacity, as a literal. */
    CodeBlock stride(Naming names) {
        return CodeBlock.of("$L", slot().stride(maxBatch));
    }

    /** The array length expression. */
    CodeBlock length(Naming names) {
        return perStep() ? CodeBlock.of("$L * $L", blocks(names), stride(names)) : stride(names);
    }

    /** The number of elements a step uses: {@code batch × cols} for batched values. */
    CodeBlock elements(Naming names) {
        return shape.batched() ? CodeBlock.of("$N * $L", names.batch, shape.cols())
                : CodeBlock.of("$L", slot().length(0));
    }

    /** The offset of block {@code block} (an expression such as {@code t} or {@code t + 1}). */
    CodeBlock offset(CodeBlock block, Naming names) {
        if (!perStep()) {
            return CodeBlock.of("0");
        }
        return slot().stride(maxBatch) == 1 ? block : CodeBlock.of("$L * $L", block, stride(names));
    }

    /**
     * Checks that the array fits in a Java array for the given capacity, naming the options to lower if not; the
     * block length is computed in {@code long} first, since the slot's {@code int} arithmetic could overflow.
     */
    Buffer checkCapacity(int maxSteps) {
        long blocks = !perStep() ? 1 : maxSteps + (role == Role.STATE || role == Role.STATE_ADJOINT ? 1L : 0L);
        long stride = shape.batched() ? (long) maxBatch * shape.cols() : slot().length(0);
        long length = blocks * stride;
        if (length > Integer.MAX_VALUE - 8) {
            throw new UnrollException("the buffer " + field + " (" + description + ") would need " + length
                    + " elements, more than a Java array holds; lower maxSteps (" + maxSteps + ") or maxBatch ("
                    + maxBatch + ")");
        }
        return this;
    }
}
