package dev.unroll.runtime.train;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.DerivedNames;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small character-level LSTM language model (20 hidden units, B = 7, T = 10, Adam, float32) trained from a fixed
 * seed, and its state as a checkpoint: what {@link VectorRepeatabilityTest} trains in its own JVM and, through
 * {@link #main}, in a fresh one. Sizes that are not multiples of the vector length, so blocks end in scalar tails.
 */
final class RepeatabilityRun {

    static final int EPOCHS = 2;
    private static final int HIDDEN = 20;

    private final TextData data = TextData.prepare(BuiltinCorpus.journal(BuiltinCorpus.DEFAULT_SEED, 4_000),
            Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
    private final Program program = Planner.plan(Model.of(Encoding.oneHot(data.vocab().size()))
            .layer(Layer.lstm(HIDDEN)).head(Head.everyStep(data.vocab().size())).build());
    private final TrainConfig config;

    RepeatabilityRun(int threads) {
        config = new TrainConfig(10, 7, EPOCHS, 0.01, TrainConfig.OptimizerKind.ADAM, 1.0, Truncation.full(),
                Sampling.RANDOM, Dtype.FLOAT32, threads, 42, 0.1, Double.POSITIVE_INFINITY);
    }

    /**
     * Trains in a new {@link Trainer} (newly generated and compiled kernels) until {@code epochs} are done, from the
     * initial parameters or from {@code from}; returns the final state as a checkpoint.
     */
    Checkpoint train(Checkpoint from, int epochs) {
        ExecutorFactory factory = (p, steps, rows, dtype) -> CompiledProgram.compile(p,
                Options.float32().maxSteps(steps).maxBatch(rows)).newExecutor();
        try (Trainer trainer = new Trainer(program, config, factory)) {
            TrainingState state = from == null ? trainer.initialState() : restore(from, trainer.initialState());
            Minibatches train = data.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
            Minibatches valid = data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL,
                    config.seed());
            while (state.epochsDone() < epochs) {
                trainer.epoch(state, train, valid, (done, total) -> { });
            }
            return checkpoint(state);
        }
    }

    /** Parameters, optimizer state and perplexity history, each under its own prefix. */
    private Checkpoint checkpoint(TrainingState state) {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        for (int i = 0; i < state.params().size(); i++) {
            arrays.put(PARAM.key(state.params().ref(i).text()), ShapedArray.vector(state.params().values(i)));
        }
        state.optimizer().exportState().forEach((k, v) -> arrays.put(OPTIM.key(k), ShapedArray.vector(v)));
        arrays.put("history/train", history(state.trainPerplexity()));
        arrays.put("history/validation", history(state.validationPerplexity()));
        return new Checkpoint(Map.of("epochs_done", Integer.toString(state.epochsDone())), arrays,
                data.vocab().tokens());
    }

    private static TrainingState restore(Checkpoint c, TrainingState fresh) {
        TrainingState state = new TrainingState(fresh.params(), fresh.optimizer(),
                Integer.parseInt(c.require("epochs_done")));
        Map<String, double[]> optimizer = new LinkedHashMap<>();
        for (int i = 0; i < state.params().size(); i++) {
            double[] values = c.array(PARAM.key(state.params().ref(i).text())).values();
            System.arraycopy(values, 0, state.params().values(i), 0, values.length);
        }
        c.arrays().forEach((k, v) -> OPTIM.name(k).ifPresent(name -> optimizer.put(name, v.values())));
        state.optimizer().restoreState(optimizer);
        state.restoreHistory(Arrays.stream(c.array("history/train").values()).boxed().toList(),
                Arrays.stream(c.array("history/validation").values()).boxed().toList());
        return state;
    }

    private static final DerivedNames.Section PARAM = DerivedNames.Section.PARAMETER;
    private static final DerivedNames.Section OPTIM = DerivedNames.Section.OPTIMIZER;

    private static ShapedArray history(List<Double> perplexities) {
        return ShapedArray.vector(perplexities.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * {@code THREADS FROM TO} (repeated): resumes the run with {@code THREADS} threads from checkpoint {@code FROM}
     * and writes the final state to {@code TO}.
     */
    public static void main(String[] args) {
        for (int i = 0; i + 2 < args.length; i += 3) {
            RepeatabilityRun run = new RepeatabilityRun(Integer.parseInt(args[i]));
            Checkpoints.write(Path.of(args[i + 2]), run.train(Checkpoints.read(Path.of(args[i + 1])), EPOCHS));
        }
    }
}
