package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.train.ExecutorFactory;

/**
 * How the command line compiles models: each scan's kernel generated ahead of time ({@code unroll aot}) into
 * {@link AotCommand#DEFAULT_PACKAGE} when its class is on the class path (a stale or foreign one is refused), and
 * otherwise the generated Java compiled in memory, cached by source.
 */
final class Compilation {

    private static final String REGENERATE = "'unroll aot --out SRC_DIR' and this run's model flags (or --checkpoint"
            + " FILE), compiled by javac into a folder you give to 'unroll --classpath DIR' (docs/DEPLOY.md)";

    private Compilation() {
    }

    /** The kernels {@code unroll aot} generated into its default package, wherever they are on the class path. */
    static PrecompiledKernels kernels() {
        return new PrecompiledKernels(AotCommand.DEFAULT_PACKAGE, Compilation.class.getClassLoader(), REGENERATE);
    }

    static ExecutorFactory factory() {
        return new Tracked();
    }

    /**
     * A factory that remembers whether every executor it made ran on kernels generated ahead of time, so that the
     * command line says which happened.
     */
    static final class Tracked implements ExecutorFactory {

        private final PrecompiledKernels kernels = kernels();
        private boolean allPrecompiled = true;

        @Override
        public ProgramExecutor create(Program program, int maxSteps, int maxBatch, Dtype dtype) {
            CompiledProgram compiled = CompiledProgram.loadOrCompile(program, options(dtype, maxSteps, maxBatch),
                    kernels);
            allPrecompiled &= compiled.scans().stream()
                    .allMatch(m -> m.kernelClass().getPackageName().equals(AotCommand.DEFAULT_PACKAGE));
            return compiled.newExecutor();
        }

        /** What made the kernels, for a line such as {@code model …, compiled to FLOAT32 Java in 0.9 s}. */
        String how(Dtype dtype) {
            return allPrecompiled ? "loaded precompiled " + dtype + " kernels (" + AotCommand.DEFAULT_PACKAGE + ")"
                    : "compiled to " + dtype + " Java";
        }
    }

    static Options options(Dtype dtype, int steps, int batch) {
        return (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(steps).maxBatch(batch);
    }
}
