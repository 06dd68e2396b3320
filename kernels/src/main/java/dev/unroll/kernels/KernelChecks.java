package dev.unroll.kernels;

/** The argument checks of {@link AbstractKernel}, each failing with the rule, the offending value and what to do. */
final class KernelChecks {

    private KernelChecks() {
    }

    /** Returns {@code index} if it is a valid position among {@code count} slots of the given kind. */
    static int index(String kind, int index, int count) {
        if (index < 0 || index >= count) {
            throw new KernelException(kind + " index must be in [0, " + count + "), got " + index
                    + "; look the index up by name in the kernel's spec()");
        }
        return index;
    }

    /** Returns {@code step} if it is in {@code [0, steps)}. */
    static int step(String what, int step, int steps) {
        if (step < 0 || step >= steps) {
            throw new KernelException(what + ": step must be in [0, " + steps + "), got " + step);
        }
        return step;
    }

    /** Returns {@code count} if it is in {@code [1, max]}. */
    static int count(String what, int count, int max, String option) {
        if (count < 1 || count > max) {
            throw new KernelException(what + " must be in [1, " + max + "], got " + count + "; compile with a larger "
                    + option + " for more");
        }
        return count;
    }

    /** The row count of {@code length} values for {@code slot}, checked against the slot's shape and capacity. */
    static int rows(String what, KernelSpec.Slot slot, int length, int maxBatch) {
        if (!slot.batched()) {
            if (length != slot.length(1)) {
                throw new KernelException(what + " '" + slot.name() + "' is " + slot.shapeText() + ", so it takes exactly "
                        + slot.length(1) + " values, got " + length);
            }
            return slot.rows();
        }
        if (length % slot.cols() != 0 || length == 0 || length / slot.cols() > maxBatch) {
            throw new KernelException(what + " '" + slot.name() + "' is " + slot.shapeText() + ", so it takes b·"
                    + slot.cols() + " values for a batch of b rows, 1 ≤ b ≤ " + maxBatch + ", got " + length);
        }
        return length / slot.cols();
    }

    /**
     * Checks that a value set with {@code rows} rows ({@code -1}: never set) fits a run over {@code batch} rows;
     * {@code step} is the value's step, or {@code -1} for a value without steps. Builds no message unless it fails.
     */
    static void rowsMatch(String what, int step, KernelSpec.Slot slot, int rows, int batch, String setter) {
        if (rows >= 0 && (!slot.batched() || rows == batch)) {
            return;
        }
        String value = what + " '" + slot.name() + "'" + (step >= 0 ? " at step " + step : "");
        if (rows < 0) {
            throw new KernelException(value + " was never set; call " + setter
                    + " first");
        }
        throw new KernelException(value + " was set with " + rows + " rows but the run has a batch of " + batch
                + "; set every value with " + batch + " rows");
    }

    /** Checks that a final-state seed set with {@code rows} rows ({@code -1}: not set) fits a run over {@code batch}. */
    static void finalSeedRows(KernelSpec.Slot slot, int rows, int batch) {
        if (rows >= 0 && slot.batched() && rows != batch) {
            throw new KernelException("final-state seed '" + slot.name() + "' was set with " + rows + " rows but the"
                    + " run has a batch of " + batch + "; call setFinalStateSeed with " + batch + " rows for this"
                    + " batch, or clearFinalStateSeeds() to seed the final states with zeros");
        }
    }

    /** Checks that {@code out} holds at least {@code length} values. */
    static void room(String what, String name, double[] out, int length) {
        if (out.length < length) {
            throw new KernelException(what + " '" + name + "' has " + length + " values but the array given holds "
                    + out.length + "; pass an array of at least " + length);
        }
    }

    /** Checks that the last run left what a getter or the backward pass needs; {@code message} says what to do. */
    static void phase(boolean ok, String message) {
        if (!ok) {
            throw new KernelException(message);
        }
    }

    /** Checks the truncation schedule: one finite factor per step. */
    static void carry(double[] carry, int steps) {
        if (carry.length != steps) {
            throw new KernelException("backward needs one carry factor per step of the last forward run (T = " + steps
                    + "), got " + carry.length + "; use truncation.carry(" + steps + ", seed)");
        }
        for (int t = 0; t < steps; t++) {
            if (!Double.isFinite(carry[t])) {
                throw new KernelException("carry factors must be finite, got " + carry[t] + " at step " + t);
            }
        }
    }

    /**
     * {@code name} in quotes, with every character outside printable ASCII, and every quote and backslash, written as
     * a {@code \}{@code uXXXX} escape and cut after 100 characters, so a hostile name prints safely on one line.
     */
    static String quote(String name) {
        if (name == null) {
            return "null";
        }
        int shown = Math.min(name.length(), 100);
        StringBuilder sb = new StringBuilder(shown + 32).append('"');
        for (int i = 0; i < shown; i++) {
            char ch = name.charAt(i);
            sb.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? String.valueOf(ch)
                    : String.format("\\u%04x", (int) ch));
        }
        if (shown < name.length()) {
            sb.append("... (").append(name.length()).append(" characters)");
        }
        return sb.append('"').toString();
    }
}
