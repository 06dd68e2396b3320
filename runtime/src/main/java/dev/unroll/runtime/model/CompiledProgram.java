package dev.unroll.runtime.model;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.Require;
import dev.unroll.kernels.Kernel;
import dev.unroll.runtime.CompiledModel;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.Unroll;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        List<CompiledModel> compiled = new ArrayList<>();
        for (Program.Scan scan : program.scans()) {
            compiled.add(Unroll.compile(Autodiff.adjoint(scan.cell(), program.seededOutputs(scan)),
                    options.className(null)));
        }
        return new CompiledProgram(program, compiled);
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
