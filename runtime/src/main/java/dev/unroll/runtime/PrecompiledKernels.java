package dev.unroll.runtime;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.emit.EmitOptions;
import dev.unroll.compiler.emit.Emitter;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import dev.unroll.kernels.KernelSpec;
import java.util.Optional;
import javax.tools.ToolProvider;

/**
 * Kernels generated ahead of time ({@code unroll aot}, or {@link #source}) and compiled into a user's build: found by
 * name in {@code packageName} through {@code loader} (the class of a cell {@code lstm} in float32 is
 * {@code <packageName>.LstmFloat32Kernel}) and used without javac, once their fingerprint shows they are what this
 * model and this Unroll version generate.
 *
 * @param packageName the package the kernels were generated into
 * @param loader the class loader that sees the compiled kernels
 * @param regenerate what to run to regenerate the kernels, quoted by the errors
 */
public record PrecompiledKernels(String packageName, ClassLoader loader, String regenerate) {

    /**
     * The package {@code unroll aot} generates into by default, where the command line and the Spark jobs look for
     * kernels generated ahead of time.
     */
    public static final String DEFAULT_PACKAGE = "dev.unroll.aot";

    /** What the errors say to run when the caller does not know the model's exact command. */
    public static final String REGENERATE = "unroll aot --out SRC_DIR --package PACKAGE and this model's flags (or"
            + " --checkpoint FILE), or PrecompiledKernels.source(...) for each scan, compiled into your build";

    public PrecompiledKernels {
        Require.notNull(loader, "PrecompiledKernels", "loader");
        Require.notNull(regenerate, "PrecompiledKernels", "regenerate");
        new EmitOptions(packageName, "Kernel", dev.unroll.kernels.Dtype.FLOAT64, 1, 1);
    }

    /** The kernels in {@code packageName} that {@code loader} sees, with the general advice to regenerate. */
    public static PrecompiledKernels of(String packageName, ClassLoader loader) {
        return new PrecompiledKernels(packageName, loader, REGENERATE.replace("PACKAGE", String.valueOf(packageName)));
    }

    /** Whether this JVM has a Java compiler, which compiling kernels at run time needs. */
    public static boolean javacPresent() {
        return ToolProvider.getSystemJavaCompiler() != null;
    }

    /** The source to compile ahead of time: the kernel of {@code adjoint} under {@code options}, stamped. */
    public static JavaFile source(Adjoint adjoint, Options options, String generatedBy) {
        return source(adjoint, options, generatedBy, UnrollVersion.current());
    }

    /** As {@link #source(Adjoint, Options, String)}, stamped as if by Unroll {@code compilerVersion}. */
    static JavaFile source(Adjoint adjoint, Options options, String generatedBy, String compilerVersion) {
        Require.notNull(adjoint, "PrecompiledKernels.source", "adjoint");
        Require.notNull(options, "PrecompiledKernels.source", "options");
        Require.notNull(generatedBy, "PrecompiledKernels.source", "generatedBy");
        JavaFile file = Emitter.emit(adjoint, options.emitOptions(adjoint.forward().name()));
        return KernelStamp.of(file.toString(), compilerVersion, generatedBy).stamp(file);
    }

    /** The precompiled kernel of {@code adjoint} for runs within {@code options}' capacity, or an error if absent. */
    public CompiledModel load(Adjoint adjoint, Options options) {
        return find(adjoint, options).orElseThrow(() -> new UnrollException("no precompiled kernel "
                + className(adjoint, options) + " (cell '" + adjoint.forward().name() + "') on the class path;"
                + " generate it ahead of time with " + regenerate));
    }

    /**
     * The precompiled kernel of {@code adjoint} if present, else the kernel compiled in memory; on a JVM without
     * javac, an error saying to generate the kernels ahead of time.
     */
    public CompiledModel loadOrCompile(Adjoint adjoint, Options options) {
        Optional<CompiledModel> found = find(adjoint, options);
        if (found.isPresent()) {
            return found.get();
        }
        if (!javacPresent()) {
            throw new UnrollException("no javac in this runtime (java.home = " + System.getProperty("java.home")
                    + ") and no precompiled kernel " + className(adjoint, options) + " on the class path; generate"
                    + " kernels ahead of time with " + regenerate + ", or run on a JDK");
        }
        return Unroll.compile(adjoint, options);
    }

    /**
     * The precompiled kernel of {@code adjoint}, empty if its class is absent. A present class must hold runs of
     * {@code options}' steps and batch and carry the fingerprint that this model generates at the class's own
     * capacity with {@code options}' dtype and passes, or it is refused.
     */
    public Optional<CompiledModel> find(Adjoint adjoint, Options options) {
        Require.notNull(adjoint, "PrecompiledKernels.find", "adjoint");
        Require.notNull(options, "PrecompiledKernels.find", "options");
        String name = className(adjoint, options);
        Class<?> found;
        try {
            found = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (LinkageError e) {
            throw new UnrollException("the precompiled kernel " + name + " cannot be loaded: " + e + "; regenerate it"
                    + " with " + regenerate, e);
        }
        if (!Kernel.class.isAssignableFrom(found)) {
            throw new UnrollException("the class " + name + " is not a kernel (" + Kernel.class.getName() + "); the"
                    + " package " + packageName + " must hold only kernels generated by " + regenerate);
        }
        KernelStamp stamp = KernelStamp.read(found);
        KernelSpec spec = spec(found);
        Options actual = capacity(options, spec, name).packageName(packageName).className(null);
        JavaFile file = Emitter.emit(adjoint, actual.emitOptions(adjoint.forward().name()));
        String source = file.toString();
        KernelStamp expected = KernelStamp.of(source, UnrollVersion.current(), "");
        if (!expected.fingerprint().equals(stamp.fingerprint())) {
            throw new UnrollException(mismatch(name, stamp, expected));
        }
        return Optional.of(new CompiledModel(adjoint, actual, file, source, found.asSubclass(Kernel.class)));
    }

    private String className(Adjoint adjoint, Options options) {
        return packageName + "." + options.className(null).emitOptions(adjoint.forward().name()).className();
    }

    private static KernelSpec spec(Class<?> kernelClass) {
        try {
            return (KernelSpec) kernelClass.getField("SPEC").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new UnrollException("the precompiled kernel " + kernelClass.getName() + " has no public static"
                    + " KernelSpec SPEC, as every generated kernel has; regenerate it", e);
        }
    }

    /** {@code options} at the kernel's capacity, if that holds the steps and rows {@code options} ask for. */
    private Options capacity(Options options, KernelSpec spec, String name) {
        if (spec.maxSteps() < options.maxSteps() || spec.maxBatch() < options.maxBatch()) {
            throw new UnrollException("the precompiled kernel " + name + " holds at most " + spec.maxSteps()
                    + " steps of " + spec.maxBatch() + " rows, but this run needs " + options.maxSteps() + " steps of "
                    + options.maxBatch() + " rows; regenerate it with --steps and --batch at least that large: "
                    + regenerate);
        }
        return options.maxSteps(spec.maxSteps()).maxBatch(spec.maxBatch());
    }

    private String mismatch(String name, KernelStamp found, KernelStamp expected) {
        boolean stale = !found.compilerVersion().equals(expected.compilerVersion());
        String why = stale ? "it was generated by Unroll " + found.compilerVersion()
                : "it was generated by the same Unroll version for another model";
        return "the precompiled kernel " + name + " does not match this model: its fingerprint "
                + found.shortFingerprint() + " differs from " + expected.shortFingerprint() + ", the one this model"
                + " and Unroll " + expected.compilerVersion() + " generate; " + why + ", by: " + found.generatedBy()
                + ". Regenerate the kernels with " + regenerate;
    }
}
