package com.example.model;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.model.Planner;
import dev.unroll.runtime.model.CompiledProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the kernels of {@link CharModel} as Java sources into the folder given as the only argument; the app's
 * build runs it at generate-sources, so its jar carries them compiled and needs no javac at run time.
 */
public final class GenerateKernels {

    private GenerateKernels() {
    }

    /** Writes the kernels into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("GenerateKernels takes one argument, the source folder to write into,"
                    + " but got " + args.length + " arguments");
        }
        Path out = Path.of(args[0]);
        List<JavaFile> files = CompiledProgram.aheadOfTime(Planner.plan(CharModel.model()), CharModel.options(),
                "mvn generate-sources (" + GenerateKernels.class.getName() + ")");
        for (JavaFile file : files) {
            file.writeTo(out);
        }
        System.out.println("GenerateKernels: " + files.size() + " kernel classes in " + CharModel.KERNEL_PACKAGE
                + " written to " + out);
    }
}
