package dev.unroll.runtime.model;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.Require;
import dev.unroll.kernels.Kernel;
import dev.unroll.runtime.CompiledModel;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.Unroll;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A program compiled scan by scan: each scan's cell and its adjoint (seeded on the loss for the last scan, on the
 * layer output for the others) become one generated kernel class.
 */
public final class CompiledProgram {

    private final Program program;
    private final List<CompiledModel> scans;

    private CompiledProgram(Program program, List<CompiledModel> scans) {
        this.program = program;
        this.scans = List.copyOf(scans);
    }

    /** Compiles every scan of {@code program} with {@code options} (each scan keeps its own class name). */
    public static CompiledProgram compile(Program program, Options options) {
        Require.notNull(program, "CompiledProgram.compile", "program");
        Require.notNull(options, "CompiledProgram.compile", "options");
        return build(program, adjoint -> Unroll.compile(adjoint, options.className(null)));
    }

    /**
     * Loads every scan's kernel generated ahead of time from {@code kernels}, without javac; refuses a missing
     * kernel, one too small for {@code options}' steps and batch, and one whose fingerprint differs.
     */
    public static CompiledProgram load(Program program, Options options, PrecompiledKernels kernels) {
        Require.notNull(program, "CompiledProgram.load", "program");
        Require.notNull(options, "CompiledProgram.load", "options");
        Require.notNull(kernels, "CompiledProgram.load", "kernels");
        return build(program, adjoint -> kernels.load(adjoint, options.className(null)));
    }

    /**
     * As {@link #load}, but a scan whose kernel class is absent is compiled in memory (refused with a message on a
     * JVM without javac); a present kernel that does not match is still refused.
     */
    public static CompiledProgram loadOrCompile(Program program, Options options, PrecompiledKernels kernels) {
        Require.notNull(program, "CompiledProgram.loadOrCompile", "program");
        Require.notNull(options, "CompiledProgram.loadOrCompile", "options");
        Require.notNull(kernels, "CompiledProgram.loadOrCompile", "kernels");
        return build(program, adjoint -> kernels.loadOrCompile(adjoint, options.className(null)));
    }

    /** The stamped sources of every scan's kernel, to compile ahead of time ({@link PrecompiledKernels#source}). */
    public static List<JavaFile> aheadOfTime(Program program, Options options, String generatedBy) {
        Require.notNull(program, "CompiledProgram.aheadOfTime", "program");
        Require.notNull(options, "CompiledProgram.aheadOfTime", "options");
        return adjoints(program).stream()
                .map(adjoint -> PrecompiledKernels.source(adjoint, options.className(null), generatedBy))
                .toList();
    }

    private static CompiledProgram build(Program program, Function<Adjoint, CompiledModel> kernelOf) {
        return new CompiledProgram(program, adjoints(program).stream().map(kernelOf).toList());
    }

    /** Each scan's cell and its adjoint, seeded on the loss for the last scan and on the layer output otherwise. */
    private static List<Adjoint> adjoints(Program program) {
        return program.scans().stream().map(scan -> Autodiff.adjoint(scan.cell(), program.seededOutputs(scan)))
                .toList();
    }

    /** The program. */
    public Program program() {
        return program;
    }

    /** The compiled scans, in the program's order. */
    public List<CompiledModel> scans() {
        return scans;
    }

    /** A new executor with its own kernels (one executor per thread). */
    public ProgramExecutor newExecutor() {
        List<Kernel> kernels = new ArrayList<>();
        for (CompiledModel m : scans) {
            kernels.add(m.newKernel());
        }
        return new ProgramExecutor(program, kernels);
    }

    /** Writes every scan's generated source and IR listings under {@code dir}; returns the paths written. */
    public List<Path> writeSources(Path dir) {
        List<Path> out = new ArrayList<>();
        for (CompiledModel m : scans) {
            out.addAll(m.writeSources(dir));
        }
        return out;
    }
}
