package com.example.app;

import dev.unroll.runtime.inference.Predictor;
import dev.unroll.runtime.train.EpochReport;
import java.nio.file.Path;

/**
 * Trains the model on the built-in text for a few epochs, saves it to the checkpoint given as the only argument,
 * loads it back and continues a prefix.
 */
public final class Main {

    private Main() {
    }

    /** Trains, saves to {@code args[0]}, loads and generates. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Main CHECKPOINT (the file to write the trained model to)");
            System.exit(2);
        }
        Path checkpoint = Path.of(args[0]);
        Training.Result trained = Training.train(Training.data(Training.builtInText()), Training.config(10, 42));
        trained.epochs().stream().map(EpochReport::line).forEach(System.out::println);
        Training.save(checkpoint, trained.state());
        Predictor predictor = Serving.load(checkpoint);
        System.out.println(predictor.generate("the river ", 60, 0, 0));
    }
}
