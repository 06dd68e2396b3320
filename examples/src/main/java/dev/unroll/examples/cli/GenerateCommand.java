package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.TextData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Continues a prefix with a trained language model read from a checkpoint. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prefix with the model saved in a checkpoint by 'unroll train --checkpoint'.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "The checkpoint to load.")
    Path checkpoint;

    @Mixin
    SampleOptions sample;

    @Override
    public Integer call() {
        sample.validate();
        LmCheckpoint.Loaded saved = LmCheckpoint.read(checkpoint);
        TextData text = saved.header().data().prepare(Corpus.of("prompt", sample.prefix), saved.header().vocab(), 0);
        ProgramExecutor executor = Compilation.factory().create(saved.program(), 1, 1, saved.header().dtype());
        executor.setParameters(saved.params());
        System.out.println(sample.generate(executor, text));
        return 0;
    }
}
