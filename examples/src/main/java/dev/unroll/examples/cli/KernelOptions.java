package dev.unroll.examples.cli;

import dev.unroll.runtime.Options;
import dev.unroll.runtime.train.TrainingFlags;
import picocli.CommandLine.Option;

/** The flags that shape generated kernels: their dtype and the steps and rows they hold. */
final class KernelOptions {

    @Option(names = "--dtype", defaultValue = "float32", description = "dtype of the generated Java (default:"
            + " ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--steps", defaultValue = "35", description = "maxSteps of the generated Java, 1 to "
            + Flags.MAX_STEPS + " (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "maxBatch of the generated Java, 1 to "
            + Flags.MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    int batch;

    void validate() {
        Flags.range("--steps", steps, 1, Flags.MAX_STEPS);
        Flags.range("--batch", batch, 1, Flags.MAX_BATCH);
        TrainingFlags.dtype(dtype);
    }

    Options options() {
        return Compilation.options(TrainingFlags.dtype(dtype), steps, batch);
    }
}
