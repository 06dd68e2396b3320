package dev.unroll.examples.cli;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.UnrollVersion;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.train.TrainingFlags;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes a model's kernels as Java sources into a user's source folder, one class per scan, stamped with the
 * fingerprint that loading checks, so a build can compile them and production needs no javac (docs/DEPLOY.md).
 */
@Command(name = "aot", mixinStandardHelpOptions = true,
        description = "Generate a model's kernels ahead of time: one Java class per scan, written into a source folder"
                + " (in its package's directories) for your build to compile; at run time they are found by class"
                + " name and used without javac (docs/DEPLOY.md).")
final class AotCommand implements Callable<Integer> {

    /** The package the command line looks in for kernels generated ahead of time. */
    static final String DEFAULT_PACKAGE = PrecompiledKernels.DEFAULT_PACKAGE;

    private static final List<String> MODEL_FLAGS = List.of("--cell", "--layers", "--hidden", "--bidirectional",
            "--vocab", "--dtype");

    @Mixin
    ModelOptions model;

    @Mixin
    KernelOptions kernel;

    @Option(names = "--vocab", defaultValue = "28", description = "Vocabulary size of the language model, 1 to "
            + Flags.MAX_VOCAB + " (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Generate the kernels of the model saved in"
            + " this checkpoint (its model flags, vocabulary or task, and dtype) instead of the model flags.")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "SRC_DIR", description = "Source folder to write into"
            + " (created if missing), for example src/main/java.")
    Path out;

    @Option(names = "--package", defaultValue = DEFAULT_PACKAGE, paramLabel = "PACKAGE", description = "Package of"
            + " the generated classes (default: ${DEFAULT-VALUE}, where the command line looks for them).")
    String packageName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        new PathFlags().input("--checkpoint", checkpoint).outputFolder("--out", out).check();
        kernel.validate();
        Target target = checkpoint != null ? fromCheckpoint() : fromFlags();
        Options options = kernel.options().dtype(target.dtype()).packageName(packageName);
        String command = "unroll " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        List<JavaFile> files = CompiledProgram.aheadOfTime(target.program(), options, command);
        for (JavaFile f : files) {
            Path file = out.resolve(f.packageName().replace('.', '/')).resolve(f.typeSpec().name() + ".java");
            AtomicFiles.writeString(file, f.toString());
            System.out.println("wrote " + file);
        }
        System.out.println(files.size() + " kernel classes in package " + packageName + ", " + options.dtype()
                .name().toLowerCase(java.util.Locale.ROOT) + ", at most " + options.maxSteps() + " steps of "
                + options.maxBatch() + " rows, stamped for Unroll " + UnrollVersion.current());
        return 0;
    }

    /** The program to generate and its dtype. */
    private record Target(Program program, Dtype dtype) {
    }

    private Target fromFlags() {
        model.validate();
        Flags.range("--vocab", vocab, 1, Flags.MAX_VOCAB);
        return new Target(Planner.plan(model.languageModel(vocab)), TrainingFlags.dtype(kernel.dtype));
    }

    private Target fromCheckpoint() {
        for (String flag : MODEL_FLAGS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
                throw new UnrollException(flag + " cannot be given with --checkpoint, which defines the model and"
                        + " its dtype; drop " + flag + ", or drop --checkpoint to use the model flags");
            }
        }
        ModelCheckpoint.Loaded saved = ModelCheckpoint.read(checkpoint);
        return new Target(saved.program(), saved.description().dtype());
    }
}
