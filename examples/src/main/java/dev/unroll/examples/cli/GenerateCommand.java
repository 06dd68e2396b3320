package dev.unroll.examples.cli;

import dev.unroll.runtime.inference.Predictor;
import java.nio.file.Path;
import java.util.Arrays;
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
        Predictor predictor = Predictor.load(LmCheckpoint.read(checkpoint), Compilation.kernels());
        int[] prompt = sample.prompt(predictor.encode(sample.prefix), predictor.description().preprocessing());
        int[] next = predictor.generate(prompt, sample.count, sample.temperature, sample.seed);
        int[] all = Arrays.copyOf(prompt, prompt.length + next.length);
        System.arraycopy(next, 0, all, prompt.length, next.length);
        System.out.println(predictor.decode(all));
        return 0;
    }
}
