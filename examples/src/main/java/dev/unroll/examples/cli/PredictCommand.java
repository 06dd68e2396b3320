package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Examples;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.train.GreedyDecoder;
import dev.unroll.runtime.train.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** The most rows predicted at once. */
    private static final int BATCH = 64;

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
        TaskCheckpoint.Loaded saved = TaskCheckpoint.read(model);
        DataSpec spec = saved.spec();
        List<Sequence> sequences = new ArrayList<>();
        for (RawExample e : Examples.inputs(data, spec.kind(), spec.task()).list()) {
            sequences.add(spec.inputs(e));
        }
        int longest = sequences.stream().mapToInt(Sequence::length).max().orElseThrow();
        boolean seq2seq = spec.task() == Task.SEQ2SEQ;
        int decoded = !seq2seq ? 0 : maxLength > 0 ? maxLength : 2 * TaskCheckpoint.longestTarget(saved);
        int steps = Math.max(longest, decoded);
        ProgramExecutor executor = Compilation.factory().create(saved.program(), steps,
                Math.min(BATCH, sequences.size()), saved.dtype());
        executor.setParameters(saved.params());
        List<String> lines = seq2seq
                ? new GreedyDecoder(executor, spec).decode(sequences, decoded)
                : new Predictor(executor, spec).predict(sequences);
        lines.forEach(System.out::println);
        return 0;
    }
}
