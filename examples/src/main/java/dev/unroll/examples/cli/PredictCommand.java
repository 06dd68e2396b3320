package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Examples;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.train.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a trained sequence model's prediction for every line of a data file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a model saved by 'unroll train --task classify|label|regress --checkpoint'.",
            "Prints one line per sequence of --data, in order: the label (classify), one label per token"
                    + " (label) or the numbers (regress). A target after a tab is ignored."})
final class PredictCommand implements Callable<Integer> {

    /** The most rows predicted at once. */
    private static final int BATCH = 64;

    @Option(names = "--model", required = true, paramLabel = "CKPT", description = "The checkpoint to predict with.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Sequences, one per line.")
    Path data;

    @Override
    public Integer call() {
        TaskCheckpoint.Loaded saved = TaskCheckpoint.read(model);
        DataSpec spec = saved.spec();
        List<Sequence> sequences = new ArrayList<>();
        for (RawExample e : Examples.inputs(data, spec.kind(), spec.task()).list()) {
            sequences.add(spec.inputs(e));
        }
        int steps = sequences.stream().mapToInt(Sequence::length).max().orElseThrow();
        ProgramExecutor executor = Compilation.factory().create(saved.program(), steps,
                Math.min(BATCH, sequences.size()), saved.dtype());
        executor.setParameters(saved.params());
        for (String line : new Predictor(executor, spec).predict(sequences)) {
            System.out.println(line);
        }
        return 0;
    }
}
