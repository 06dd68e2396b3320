package dev.unroll.kernels;

/**
 * Thrown by a kernel for an invalid call: an index, step, batch or array length outside what its spec allows, a
 * value that was never set, a getter before the run it reads, or data a routine cannot take (such as a class index
 * outside the vocabulary). The message states the rule, the offending value and what to do.
 */
public class KernelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public KernelException(String message) {
        super(message);
    }
}
