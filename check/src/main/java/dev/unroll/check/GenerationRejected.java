package dev.unroll.check;

/**
 * Thrown by a generator to reject the current try (for example by {@link Gen#filter}); the engine discards the
 * try instead of counting it as a pass or a failure.
 */
public final class GenerationRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates a rejection whose message explains why the generated value was not usable. */
    public GenerationRejected(String message) {
        // No stack trace: rejections are routine control flow and may happen thousands of times per property.
        super(message, null, false, false);
    }
}
