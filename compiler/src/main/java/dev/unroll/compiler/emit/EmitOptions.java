package dev.unroll.compiler.emit;

import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * What to generate: the package and simple name of the kernel class, its dtype, the capacity its buffers are
 * sized for (the longest sequence and the largest batch), and the optimization passes to run.
 *
 * @param packageName the package of the generated class, for example {@code dev.unroll.generated}
 * @param className the simple name of the generated class
 * @param dtype the precision of buffers and loops
 * @param maxSteps the longest sequence the kernel accepts
 * @param maxBatch the largest batch the kernel accepts
 * @param passes the optimization passes ({@link Passes#ALL} unless measured)
 */
public record EmitOptions(String packageName, String className, Dtype dtype, int maxSteps, int maxBatch,
                          Passes passes) {

    /** The package of generated classes unless another is given. */
    public static final String DEFAULT_PACKAGE = "dev.unroll.generated";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public EmitOptions {
        if (dtype == null) {
            throw new UnrollException("emit options need a dtype (FLOAT32 or FLOAT64), got null");
        }
        for (String segment : (packageName == null ? "" : packageName).split("\\.", -1)) {
            requireIdentifier("package name " + Names.quote(packageName), segment);
        }
        requireIdentifier("class name", className);
        positive("maxSteps", maxSteps);
        positive("maxBatch", maxBatch);
        if (passes == null) {
            throw new UnrollException("emit options need passes (Passes.ALL unless measuring), got null");
        }
    }

    /** Options with every pass. */
    public EmitOptions(String packageName, String className, Dtype dtype, int maxSteps, int maxBatch) {
        this(packageName, className, dtype, maxSteps, maxBatch, Passes.ALL);
    }

    /** These options with other passes. */
    public EmitOptions passes(Passes newPasses) {
        return new EmitOptions(packageName, className, dtype, maxSteps, maxBatch, newPasses);
    }

    /** Options for a class in {@link #DEFAULT_PACKAGE}. */
    public static EmitOptions of(String className, Dtype dtype, int maxSteps, int maxBatch) {
        return new EmitOptions(DEFAULT_PACKAGE, className, dtype, maxSteps, maxBatch);
    }

    /** The class name derived from a cell name: {@code lstm} and FLOAT32 give {@code LstmFloat32Kernel}. */
    public static String defaultClassName(String cellName, Dtype dtype) {
        Require.notNull(dtype, "EmitOptions.defaultClassName", "dtype");
        String cell = Names.require("cell", cellName, "the kernel's class name");
        String type = dtype.name().charAt(0) + dtype.name().substring(1).toLowerCase(Locale.ROOT);
        return Character.toUpperCase(cell.charAt(0)) + cell.substring(1) + type + "Kernel";
    }

    private static void requireIdentifier(String what, String name) {
        if (name == null || !SEGMENT.matcher(name).matches() || SourceVersion.isKeyword(name)) {
            throw new UnrollException(what + ": " + Names.quote(name) + " is not a plain Java identifier (an ASCII"
                    + " letter followed by up to 63 ASCII letters, digits or underscores, not a keyword)");
        }
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new UnrollException(what + " must be at least 1, got " + value);
        }
    }
}
