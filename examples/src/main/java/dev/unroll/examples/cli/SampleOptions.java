package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.train.TextGenerator;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The generation flags: the prefix that warms the state up, how many tokens follow, and the temperature. */
final class SampleOptions {

    @Option(names = "--prefix", defaultValue = "time traveller ", description = "Prefix to continue"
            + " (default: '${DEFAULT-VALUE}').")
    String prefix;

    @Option(names = "--generate", defaultValue = "50", description = "Tokens to generate, 0 to " + Flags.MAX_GENERATE
            + " (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy; otherwise sample from"
            + " softmax(logits / temperature); finite and ≥ 0 (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--sample-seed", defaultValue = "1", description = "Seed of sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Checks the flags that need no vocabulary. */
    void validate() {
        Flags.range("--generate", count, 0, Flags.MAX_GENERATE);
        Flags.nonNegative("--temperature", temperature);
        if (prefix.isEmpty()) {
            throw new UnrollException("--prefix must not be empty: generation warms the state up on it");
        }
    }

    /** The prefix as token ids of {@code data}'s vocabulary; an error if it has none. */
    int[] prompt(TextData data) {
        return prompt(data.encode(prefix), data.preprocessing());
    }

    /** {@code ids}, the prefix's token ids after {@code preprocessing}; an error if there are none. */
    int[] prompt(int[] ids, Preprocessing preprocessing) {
        if (ids.length == 0) {
            throw new UnrollException("--prefix '" + prefix + "' has no tokens after "
                    + preprocessing.name().toLowerCase(Locale.ROOT) + " preprocessing; give a prefix with letters");
        }
        return ids;
    }

    /** The prefix followed by the generated continuation, decoded together so that word tokens keep their spaces. */
    String generate(ProgramExecutor executor, TextData data) {
        int[] prompt = prompt(data);
        int[] next = TextGenerator.continueFrom(executor, prompt, count, temperature, seed);
        int[] all = Arrays.copyOf(prompt, prompt.length + next.length);
        System.arraycopy(next, 0, all, prompt.length, next.length);
        return data.decode(all);
    }
}
