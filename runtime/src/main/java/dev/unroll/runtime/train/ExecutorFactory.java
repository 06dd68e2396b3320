package dev.unroll.runtime.train;

import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;

/** Makes an executor for a program, compiled for at most {@code maxSteps} steps of {@code maxBatch} rows. */
@FunctionalInterface
public interface ExecutorFactory {

    /** A new executor; each thread gets its own. */
    ProgramExecutor create(Program program, int maxSteps, int maxBatch, Dtype dtype);
}
