package dev.unroll.examples.cli;

import dev.unroll.runtime.inference.Predictor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a trained sequence model's prediction for every line of a data file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a model saved by 'unroll train --task classify|label|regress|seq2seq"
                + " --checkpoint'.",
            "Prints one line per sequence of --data, in order: the label (classify), one label per token"
                    + " (label), the numbers (regress) or the greedy decoding of the source (seq2seq). A target"
                    + " after a tab is ignored."})
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "The checkpoint to predict with.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Sequences, one per line.")
    Path data;

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "N", description = "Seq2seq: the most tokens"
            + " of a decoding; 0 = twice the longest target the model was trained on (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Override
    public Integer call() {
        Flags.range("--max-length", maxLength, 0, Flags.MAX_STEPS);
        Predictor predictor = Predictor.load(TaskCheckpoint.read(model), Compilation.kernels());
        predictor.predict(data, maxLength).forEach(System.out::println);
        return 0;
    }
}
