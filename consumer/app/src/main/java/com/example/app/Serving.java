package com.example.app;

import dev.unroll.runtime.inference.Predictor;
import java.nio.file.Path;

/** Loads a trained model for predictions, on the kernels compiled into this application. */
public final class Serving {

    private Serving() {
    }

    /**
     * A predictor of the checkpoint {@code Training.save} wrote; it may be shared between threads. Its kernels are
     * the application's own, so it runs on a JVM without javac.
     */
    public static Predictor load(Path checkpoint) {
        return Predictor.load(checkpoint, Training.kernels());
    }
}
