package dev.unroll.examples.cli;

import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.model.ProgramExecutor;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Vocab;
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
        Checkpoint c = Checkpoints.read(checkpoint);
        LmCheckpoint.requireCompatible(c, c.metadata(), java.util.List.of(), checkpoint.toString());
        ModelOptions model = new ModelOptions();
        model.cell = c.require("cell");
        model.layers = Integer.parseInt(c.require("layers"));
        model.bidirectional = Boolean.parseBoolean(c.require("bidirectional"));
        model.hidden = Integer.parseInt(c.require("hidden"));
        DataOptions data = new DataOptions();
        data.preprocessing = c.require("preprocessing");
        data.tokens = c.require("tokens");
        Vocab vocab = Vocab.fromTokens(c.vocabulary());
        TextData text = data.prepare(Corpus.of("prompt", sample.prefix), vocab, 0);
        Program program = Planner.plan(model.languageModel(vocab.size()));
        ProgramExecutor executor = Compilation.factory().create(program, 1, 1,
                TrainingOptions.dtype(c.require("dtype")));
        executor.setParameters(LmCheckpoint.params(c));
        System.out.println(sample.generate(executor, text));
        return 0;
    }
}
