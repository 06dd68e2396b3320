package dev.unroll.runtime;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.emit.Emitter;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Kernel;
import java.util.List;

/**
 * The entry point: compiles a cell to a loaded, ready-to-run kernel. Differentiates the cell, emits the kernel's
 * Java source and compiles it in memory; compiled classes are cached by their source, so compiling the same model
 * with the same options again only regenerates and hashes the source.
 */
public final class Unroll {

    private Unroll() {
    }

    /** Compiles a cell with a loss attached ({@code LossCell.attach}); its backward pass is seeded on the loss. */
    public static CompiledModel compile(Cell cellWithLoss, Options options) {
        Require.notNull(cellWithLoss, "Unroll.compile", "cellWithLoss");
        Require.notNull(options, "Unroll.compile", "options");
        if (cellWithLoss.outputs().stream().noneMatch(o -> o.name().equals(LossCell.LOSS))) {
            throw new UnrollException("cell '" + cellWithLoss.name() + "' has no output '" + LossCell.LOSS
                    + "' to train on; attach one with LossCell.attach(cell, output, Loss...), or compile an adjoint"
                    + " seeded on the outputs you need with compile(Autodiff.adjoint(cell, outputs), options)");
        }
        return compile(Autodiff.adjoint(cellWithLoss, List.of(LossCell.LOSS)), options);
    }

    /** Compiles the forward cell of {@code adjoint} and its backward pass, seeded on the adjoint's outputs. */
    public static CompiledModel compile(Adjoint adjoint, Options options) {
        Require.notNull(adjoint, "Unroll.compile", "adjoint");
        Require.notNull(options, "Unroll.compile", "options");
        return compile(adjoint, options, SourceLoader.shared());
    }

    /** As {@link #compile(Adjoint, Options)}, loading through {@code loader}. */
    public static CompiledModel compile(Adjoint adjoint, Options options, SourceLoader loader) {
        Require.notNull(adjoint, "Unroll.compile", "adjoint");
        Require.notNull(options, "Unroll.compile", "options");
        Require.notNull(loader, "Unroll.compile", "loader");
        JavaFile file = Emitter.emit(adjoint, options.emitOptions(adjoint.forward().name()));
        String source = file.toString();
        Class<?> loaded = loader.load(file, source);
        if (!Kernel.class.isAssignableFrom(loaded)) {
            throw new UnrollException("internal: the generated class " + loaded.getName() + " is not a Kernel");
        }
        return new CompiledModel(adjoint, options, file, source, loaded.asSubclass(Kernel.class));
    }
}
