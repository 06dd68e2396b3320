package dev.unroll.examples.cli;

import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.train.ExecutorFactory;

/** How the command line compiles models: every scan of the program to generated Java, cached by source. */
final class Compilation {

    private Compilation() {
    }

    static ExecutorFactory factory() {
        return (program, steps, batch, dtype) -> CompiledProgram.compile(program, options(dtype, steps, batch))
                .newExecutor();
    }

    static Options options(Dtype dtype, int steps, int batch) {
        return (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(steps).maxBatch(batch);
    }
}
