package com.example.app;

import com.example.model.CharModel;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.EpochReport;
import dev.unroll.runtime.train.ExecutorFactory;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains {@link CharModel} on the kernels compiled into this application: a kernel that is missing or was generated
 * for another model is refused, never compiled in memory, so training needs no javac.
 */
public final class Training {

    /** The share of the text held out for validation. */
    public static final double VALIDATION = 0.15;

    private Training() {
    }

    /** The kernels that the build generated and compiled into this application. */
    public static PrecompiledKernels kernels() {
        return new PrecompiledKernels(CharModel.KERNEL_PACKAGE, Training.class.getClassLoader(),
                "mvn generate-sources in the app module (com.example.model.GenerateKernels)");
    }

    /** Executors on {@link #kernels()} alone. */
    public static ExecutorFactory executors() {
        PrecompiledKernels kernels = kernels();
        return (program, steps, batch, dtype) -> CompiledProgram.load(program,
                CharModel.options().dtype(dtype).maxSteps(steps).maxBatch(batch), kernels).newExecutor();
    }

    /** A short story of a river, the text the application trains on when given none. */
    public static String builtInText() {
        try (InputStream in = Training.class.getResourceAsStream("river.txt")) {
            if (in == null) {
                throw new IllegalStateException("the resource com/example/app/river.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} cleaned and split as the model's description says, in its vocabulary, with a validation split. */
    public static TextData data(String text) {
        ModelDescription model = CharModel.description();
        return TextData.prepare(Corpus.of("text", text), model.preprocessing(), model.tokenization(),
                Vocab.fromTokens(model.vocabulary()), VALIDATION);
    }

    /** Minibatches of the kernels' capacity, SGD with learning rate 1 and clipping at 1, one thread. */
    public static TrainConfig config(int epochs, long seed) {
        return new TrainConfig(CharModel.STEPS, CharModel.BATCH, epochs, 1.0, TrainConfig.OptimizerKind.SGD, 1.0,
                Truncation.full(), Sampling.RANDOM, Dtype.FLOAT32, 1, seed, VALIDATION, Double.POSITIVE_INFINITY);
    }

    /** A trained state and the report of each epoch. */
    public record Result(TrainingState state, List<EpochReport> epochs) {
    }

    /** Trains the model on {@code data} for {@code config}'s epochs, from parameters drawn from its seed. */
    public static Result train(TextData data, TrainConfig config) {
        Program program = Planner.plan(CharModel.model());
        try (Trainer trainer = new Trainer(program, config, executors())) {
            Minibatches training = data.trainBatches(config.batch(), config.steps(), config.sampling(), config.seed());
            Minibatches validation = data.validationBatches(config.batch(), config.steps(), Sampling.SEQUENTIAL,
                    config.seed());
            TrainingState state = trainer.initialState();
            List<EpochReport> reports = new ArrayList<>();
            for (int e = 0; e < config.epochs(); e++) {
                reports.add(trainer.epoch(state, training, validation, (done, total) -> { }));
            }
            return new Result(state, List.copyOf(reports));
        }
    }

    /** Writes the model's description and {@code state}'s parameters to {@code checkpoint}, for {@link Serving}. */
    public static void save(Path checkpoint, TrainingState state) {
        ModelCheckpoint.save(checkpoint, CharModel.description(), state.params());
    }
}
