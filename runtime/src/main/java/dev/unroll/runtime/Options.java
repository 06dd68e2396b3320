package dev.unroll.runtime;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.EmitOptions;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;

/**
 * How to compile a model: the dtype, the truncation schedule of the backward pass, the capacity the kernel's
 * buffers are sized for, the generated class's name ({@code null}: derived from the cell's name and dtype) and the
 * emitter's optimization passes. Start from {@link #float64()} or {@link #float32()} and change what you need:
 * {@code Options.float32().truncation(Truncation.fixed(35)).maxSteps(70)}.
 *
 * @param dtype the precision of the generated kernel
 * @param truncation how far gradients flow back in time
 * @param maxSteps the longest sequence the kernel accepts
 * @param maxBatch the largest batch the kernel accepts
 * @param packageName the package of the generated class
 * @param className the simple name of the generated class, or {@code null} for the default
 * @param passes the emitter's optimization passes: {@link Passes#ALL} unless measuring what one of them buys
 */
public record Options(Dtype dtype, Truncation truncation, int maxSteps, int maxBatch, String packageName,
                      String className, Passes passes) {

    /** The longest sequence unless set. */
    public static final int DEFAULT_MAX_STEPS = 64;

    /** The largest batch unless set. */
    public static final int DEFAULT_MAX_BATCH = 16;

    public Options {
        if (dtype == null || truncation == null) {
            throw new UnrollException("options need a dtype and a truncation, got " + dtype + " and " + truncation
                    + "; start from Options.float64() or Options.float32()");
        }
        if (passes == null) {
            throw new UnrollException("options need passes, got null; pass Passes.ALL (the default), or Passes.ALL"
                    + " with one pass turned off (e.g. Passes.ALL.withoutHoisting()) to measure what it buys");
        }
        // Checks the package, class name and capacity by the emitter's own rules, now rather than at compile time.
        new EmitOptions(packageName, className == null ? "Kernel" : className, dtype, maxSteps, maxBatch, passes);
    }

    /** float64, full BPTT, default capacity, every pass. */
    public static Options float64() {
        return new Options(Dtype.FLOAT64, Truncation.full(), DEFAULT_MAX_STEPS, DEFAULT_MAX_BATCH,
                EmitOptions.DEFAULT_PACKAGE, null, Passes.ALL);
    }

    /** float32, full BPTT, default capacity, every pass. */
    public static Options float32() {
        return float64().dtype(Dtype.FLOAT32);
    }

    /** These options with another dtype. */
    public Options dtype(Dtype newDtype) {
        return new Options(newDtype, truncation, maxSteps, maxBatch, packageName, className, passes);
    }

    /** These options with another truncation schedule. */
    public Options truncation(Truncation newTruncation) {
        return new Options(dtype, newTruncation, maxSteps, maxBatch, packageName, className, passes);
    }

    /** These options with another longest sequence. */
    public Options maxSteps(int newMaxSteps) {
        return new Options(dtype, truncation, newMaxSteps, maxBatch, packageName, className, passes);
    }

    /** These options with another largest batch. */
    public Options maxBatch(int newMaxBatch) {
        return new Options(dtype, truncation, maxSteps, newMaxBatch, packageName, className, passes);
    }

    /** These options with another package for the generated class. */
    public Options packageName(String newPackageName) {
        return new Options(dtype, truncation, maxSteps, maxBatch, newPackageName, className, passes);
    }

    /** These options with another simple name for the generated class. */
    public Options className(String newClassName) {
        return new Options(dtype, truncation, maxSteps, maxBatch, packageName, newClassName, passes);
    }

    /** These options with other optimization passes ({@link Passes#ALL}, or all but one to measure it). */
    public Options passes(Passes newPasses) {
        return new Options(dtype, truncation, maxSteps, maxBatch, packageName, className, newPasses);
    }

    /** The options of the emitter for a cell named {@code cellName}. */
    public EmitOptions emitOptions(String cellName) {
        String name = className != null ? className : EmitOptions.defaultClassName(cellName, dtype);
        return new EmitOptions(packageName, name, dtype, maxSteps, maxBatch, passes);
    }
}
