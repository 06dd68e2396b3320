package dev.unroll.dsl.core;

/**
 * The one exception type the library throws for misuse: a message that states the rule that was broken, the
 * offending value, where it came from (the user's {@code File.java:line} when known) and what to do.
 */
public class UnrollException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnrollException(String message) {
        super(message);
    }

    public UnrollException(String message, Throwable cause) {
        super(message, cause);
    }
}
