package dev.unroll.examples.cli;

import dev.unroll.runtime.model.ProgramExecutor;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.train.TextGenerator;
import picocli.CommandLine.Option;

/** The generation flags: the prefix that warms the state up, how many tokens follow, and the temperature. */
final class SampleOptions {

    @Option(names = "--prefix", defaultValue = "time traveller ", description = "Prefix to continue"
            + " (default: '${DEFAULT-VALUE}').")
    String prefix;

    @Option(names = "--generate", defaultValue = "50", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy; otherwise sample from"
            + " softmax(logits / temperature) (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--sample-seed", defaultValue = "1", description = "Seed of sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The prefix followed by the generated continuation, as text. */
    String generate(ProgramExecutor executor, TextData data) {
        int[] prompt = data.encode(prefix);
        int[] next = TextGenerator.continueFrom(executor, prompt, count, temperature, seed);
        return data.decode(prompt) + data.decode(next);
    }
}
