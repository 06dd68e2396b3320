package dev.unroll.kernels;

import java.util.List;

/**
 * What a generated kernel computes: its cell, dtype and capacity, and its inputs, states, parameters, outputs and
 * seeded outputs as ordered slots, whose positions are the indices the {@link Kernel} accessors take.
 *
 * @param cell the name of the forward cell
 * @param dtype the precision of the kernel's buffers and loops
 * @param maxSteps the longest sequence {@link Kernel#forward} accepts
 * @param maxBatch the largest batch any call accepts
 * @param inputs the per-step inputs, in the order of the cell's inputs
 * @param states the recurrent states, in the order of the cell's states
 * @param params the parameters, in the order of the cell's parameters
 * @param outputs the per-step outputs, in the order of the cell's outputs
 * @param seeds the outputs whose adjoints the backward pass takes as seeds, in the adjoint's order
 * @param inputsWithGradient the names of the inputs that receive a gradient (the others read as zeros)
 */
public record KernelSpec(String cell, Dtype dtype, int maxSteps, int maxBatch, List<Slot> inputs, List<Slot> states,
                         List<Slot> params, List<Slot> outputs, List<Slot> seeds, List<String> inputsWithGradient) {

    /**
     * A named 2-D value: {@code rows} is {@link #BATCH} for values with one row per batch element.
     *
     * @param name the DSL name
     * @param rows the fixed row count, or {@link #BATCH}
     * @param cols the column count
     */
    public record Slot(String name, int rows, int cols) {

        /** The row count of a value with one row per batch element (the IR's {@code Shape.BATCH}). */
        public static final int BATCH = -1;

        /** A slot of shape {@code [B×cols]}. */
        public static Slot batched(String name, int cols) {
            return new Slot(name, BATCH, cols);
        }

        /** A slot of the fixed shape {@code [rows×cols]}. */
        public static Slot fixed(String name, int rows, int cols) {
            return new Slot(name, rows, cols);
        }

        /** The slot's shape as the IR prints it, {@code [B×n]} or {@code [r×n]}. */
        public String shapeText() {
            return "[" + (batched() ? "B" : Integer.toString(rows)) + "×" + cols + "]";
        }

        /** Whether the row count is the batch size. */
        public boolean batched() {
            return rows == BATCH;
        }

        /** The number of values for a batch of {@code batch} rows. */
        public int length(int batch) {
            return (batched() ? batch : rows) * cols;
        }

        /** The distance between the blocks of consecutive steps in a per-step buffer of this slot. */
        public int stride(int maxBatch) {
            return length(maxBatch);
        }

        @Override
        public String toString() {
            return name + " " + shapeText();
        }
    }

    public KernelSpec {
        inputs = List.copyOf(inputs);
        states = List.copyOf(states);
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
        seeds = List.copyOf(seeds);
        inputsWithGradient = List.copyOf(inputsWithGradient);
    }

    /** The index of the input named {@code name}. */
    public int input(String name) {
        return indexOf(inputs, name, "input");
    }

    /** The index of the state named {@code name}. */
    public int state(String name) {
        return indexOf(states, name, "state");
    }

    /** The index of the parameter named {@code name}. */
    public int param(String name) {
        return indexOf(params, name, "parameter");
    }

    /** The index of the output named {@code name}. */
    public int output(String name) {
        return indexOf(outputs, name, "output");
    }

    /** The index of the seeded output named {@code name}. */
    public int seed(String name) {
        return indexOf(seeds, name, "seeded output");
    }

    private int indexOf(List<Slot> slots, String name, String kind) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new KernelException("kernel of cell '" + cell + "' has no " + kind + " named " + KernelChecks.quote(name)
                + "; its " + kind + "s are " + slots.stream().map(Slot::name).toList());
    }
}
