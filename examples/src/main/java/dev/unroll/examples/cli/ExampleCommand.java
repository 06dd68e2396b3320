package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.examples.tasks.SequenceExamples;
import dev.unroll.runtime.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Generates the data of a sequence-task example and trains on it with {@code unroll train}: {@code counting}
 * (classify which letter occurs more often), {@code tagging} (tag every word with its part of speech) or {@code
 * dates} (translate dates in words into ISO 8601 with an encoder and a decoder).
 */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = {"Generate the data of a sequence-task example and train on it (examples/README.md).",
            "counting: classify strings of a and b by the letter that occurs more often (or tie); tagging: tag every"
                    + " word of generated sentences with its part of speech; dates: translate dates such as 'march 5,"
                    + " 2021' into '2021-03-05'. Writes training, validation and test data, prints the train command"
                    + " it runs."})
final class ExampleCommand implements Callable<Integer> {

    /** Validation and test examples, and the offset of the seeds they are drawn from (test: twice the offset). */
    private static final int VALIDATION = 500;
    private static final int TEST = 2000;
    private static final long VALIDATION_SEED_OFFSET = 1_000_003L;
    private static final List<String> NAMES = List.of("counting", "tagging", "dates");
    /** The dates example's training pairs and flags, measured in examples/README.md. */
    private static final int DATES_TRAINING = 10_000;
    private static final List<String> DATES = List.of("--task", "seq2seq", "--tokens", "chars", "--cell", "gru",
            "--hidden", "64", "--epochs", "8", "--early-stopping", "2");

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "counting|tagging|dates", description = "The example to run.")
    String example;

    @Option(names = "--out", defaultValue = "target/examples", paramLabel = "DIR", description = "Where the data"
            + " files and the model go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "The seed of the data and of training"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        String name = example.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new UnrollException("the example must be counting, tagging or dates, got '" + example + "'");
        }
        new PathFlags().outputFolder("--out", out).check();
        Path train = out.resolve(name + "-train.tsv");
        Path valid = out.resolve(name + "-valid.tsv");
        write(train, data(name, seed, training(name)));
        write(valid, data(name, seed + VALIDATION_SEED_OFFSET, VALIDATION));
        // Held out from training and from early stopping's choice alike, for unroll predict (examples/README.md).
        write(out.resolve(name + "-test.tsv"), data(name, seed + 2 * VALIDATION_SEED_OFFSET, TEST));
        List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--validation-data",
                valid.toString(), "--checkpoint", out.resolve(name + ".ckpt").toString(), "--seed",
                Long.toString(seed)));
        args.addAll(flags(name));
        System.out.println("unroll " + String.join(" ", args));
        return UnrollCommand.commandLine().execute(args.toArray(String[]::new));
    }

    private static List<String> data(String name, long seed, int count) {
        return switch (name) {
            case "counting" -> SequenceExamples.counting(seed, count);
            case "tagging" -> SequenceExamples.tagging(seed, count);
            default -> SequenceExamples.dates(seed, count);
        };
    }

    /** The training examples of each example: a translation needs more than a label. */
    private static int training(String name) {
        return name.equals("dates") ? DATES_TRAINING : 4000;
    }

    /** The model and training flags of each example. */
    private static List<String> flags(String name) {
        List<String> common = List.of("--optimizer", "adam", "--lr", "0.005", "--batch", "32", "--clip", "5",
                "--lr-schedule", "cosine");
        List<String> own = switch (name) {
            case "counting" -> List.of("--task", "classify", "--tokens", "chars", "--cell", "lstm", "--hidden", "32",
                    "--epochs", "20", "--early-stopping", "5");
            case "tagging" -> List.of("--task", "label", "--tokens", "words", "--cell", "gru", "--hidden", "16",
                    "--bidirectional", "--epochs", "8", "--early-stopping", "3");
            default -> DATES;
        };
        List<String> all = new ArrayList<>(own);
        all.addAll(common);
        return all;
    }

    private static void write(Path file, List<String> lines) {
        AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
