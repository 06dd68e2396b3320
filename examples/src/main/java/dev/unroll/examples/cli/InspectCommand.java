package dev.unroll.examples.cli;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.inspect.Dot;
import dev.unroll.dsl.inspect.Listing;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.model.CompiledProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Writes the IR listings and DOT drawings of a model's forward and adjoint cells, the optimized program the kernel
 * runs, and the generated Java into a folder.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Write IR listings (.ir.txt), Graphviz drawings (.dot), the optimized program (.optimized.txt)"
                + " and the generated Java of a model's forward and adjoint cells into a folder, or print one listing.")
final class InspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--vocab", defaultValue = "28", description = "Vocabulary size, 1 to " + Flags.MAX_VOCAB
            + " (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path out;

    @Option(names = "--print", paramLabel = "forward|adjoint", description = "Print the listing of the first scan's"
            + " forward or adjoint cell to standard output.")
    String print;

    @Option(names = "--dot", description = "With --print, print DOT instead of the listing.")
    boolean dot;

    @Option(names = "--cell-only", description = "With --print, show the bare cell (input width --vocab, every"
            + " output seeded) instead of the first scan of the language model.")
    boolean cellOnly;

    @Mixin
    KernelOptions kernel;

    @Override
    public Integer call() {
        if (print == null && out == null) {
            System.err.println("inspect: give --out DIR and/or --print forward|adjoint");
            return 2;
        }
        validate();
        Program program = Planner.plan(model.languageModel(vocab));
        if (print != null) {
            System.out.print(dot ? Dot.of(printed(program)) : Listing.of(printed(program), true));
        }
        if (out != null) {
            Options options = kernel.options();
            for (Program.Scan scan : program.scans()) {
                Adjoint adj = adjoint(program, scan);
                AtomicFiles.writeString(out.resolve(scan.name() + ".ir.txt"), Listing.of(scan.cell(), true));
                AtomicFiles.writeString(out.resolve(scan.name() + ".optimized.txt"),
                        options.passes().schedule(adj, options.maxBatch()).toString());
                AtomicFiles.writeString(out.resolve(scan.name() + ".dot"), Dot.of(scan.cell()));
                AtomicFiles.writeString(out.resolve(scan.name() + ".adjoint.ir.txt"), Listing.of(adj.cell(), true));
                AtomicFiles.writeString(out.resolve(scan.name() + ".adjoint.dot"), Dot.of(adj.cell()));
            }
            List<Path> sources = CompiledProgram.compile(program, options).writeSources(out.resolve("java"));
            System.out.println("wrote " + (5 * program.scans().size() + sources.size()) + " files to " + out);
        }
        return 0;
    }

    private void validate() {
        model.validate();
        Flags.range("--vocab", vocab, 1, Flags.MAX_VOCAB);
        kernel.validate();
        if (print != null && !"forward".equals(print) && !"adjoint".equals(print)) {
            throw new UnrollException("--print must be forward or adjoint, got '" + print + "'");
        }
        new PathFlags().outputFolder("--out", out).check();
    }

    private Cell printed(Program program) {
        boolean adjoint = "adjoint".equals(print);
        if (cellOnly) {
            Cell bare = model.cellFactory().apply(vocab);
            return adjoint ? Autodiff.adjoint(bare).cell() : bare;
        }
        Program.Scan scan = program.scans().get(0);
        return adjoint ? adjoint(program, scan).cell() : scan.cell();
    }

    private static Adjoint adjoint(Program program, Program.Scan scan) {
        boolean last = scan == program.lossScan();
        return Autodiff.adjoint(scan.cell(), List.of(last ? "loss" : Planner.LAYER_OUTPUT));
    }
}
