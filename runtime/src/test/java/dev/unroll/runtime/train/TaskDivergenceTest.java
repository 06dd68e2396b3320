package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.TaskCases;
import dev.unroll.runtime.TaskCases.TaskCase;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.train.TrainingDivergedException.Quantity;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A run of every task that passes its divergence bound stops with a message that names the task's own loss: a
 * language model's loss and perplexity, a classifier's or tagger's cross-entropy, a regression's mean squared error.
 */
class TaskDivergenceTest {

    private static final double BOUND = 1e-6;
    private static final String ADVICE = "; lower the learning rate or clip gradients by global norm (d2l clips at"
            + " θ = 1)";

    @TestFactory
    Stream<DynamicTest> aLossAboveTheBoundIsNamedAsTheTaskKnowsIt() {
        return TaskCases.ALL.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(TaskCase c) {
        List<RawExample> examples = c.examples(new int[] {3, 1, 4, 2, 4}, 17);
        DataSpec spec = c.spec(examples);
        Buckets buckets = Buckets.mixed(spec.encode(examples), spec, 2);
        Program program = Planner.plan(c.model(spec, 1, Layer.gru(3), true));
        TrainConfig config = new TrainConfig(buckets.maxLength(), 2, 1, 0.1, TrainConfig.OptimizerKind.SGD, 1,
                Truncation.full(), Sampling.RANDOM, Dtype.FLOAT64, 1, 5, 0, BOUND);
        ExecutorFactory factory = (p, steps, rows, dtype) -> ProgramExecutor.reference(p, steps, rows);
        try (Trainer trainer = new Trainer(program, config, factory)) {
            TaskBatches batches = TaskBatches.training(buckets, spec, 5);
            int count = TaskBatches.training(buckets, spec, 5).plan(0);
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.epoch(trainer.initialState(), batches, null, (done, total) -> { }));
            assertEquals(Quantity.LOSS, e.quantity());
            assertEquals("training diverged in epoch 1 at minibatch 1 of " + count + ": " + exceeds(c.task(),
                    e.value()) + ADVICE, e.getMessage());
        }
    }

    /** What the message must say of a minibatch loss {@code loss} above {@link #BOUND}. */
    private static String exceeds(Task task, double loss) {
        String value = String.format(Locale.ROOT, "%.4g", loss);
        return switch (task) {
            case CLASSIFY, LABEL, SEQ2SEQ -> "the minibatch cross-entropy " + value
                    + " exceeds the divergence bound 1.000e-06";
            case REGRESS -> "the minibatch mean squared error " + value + " exceeds the divergence bound 1.000e-06";
            case LM -> "the minibatch loss " + value + String.format(Locale.ROOT, " (perplexity %.3g)",
                    Math.exp(loss)) + " exceeds the divergence bound 1.000e-06 (perplexity 1.00)";
        };
    }
}
