package dev.unroll.kernels.build;

/** A template that breaks a rule of the twin format; the build stops with its message. */
final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemplateException(String message) {
        super(message);
    }
}
