package dev.unroll.runtime;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.TaskCases.TaskCase;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.SequenceBatch;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.train.TaskBatches;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every task ({@link TaskCases}), generated float64 code equals the interpreter to 1e-10 with masks on: the
 * task's model as the trainer builds it, planned masked, on a minibatch of random examples of random lengths as
 * {@code --mixed-lengths} batches them, under full BPTT, fixed truncation and randomized truncation; the loss,
 * every parameter's gradient, the final states and the head's outputs at each row's last valid step.
 */
class TaskAgreementTest {

    /** Compiling a model takes most of a try, so a few tries per task keep the suite quick. */
    private static final int TRIES = 6;

    /**
     * A model and a minibatch for one task.
     *
     * @param task the task
     * @param cell rnn, lstm or gru
     * @param bidirectional whether every layer runs both ways
     * @param layers stacked layers
     * @param lengths each example's length in steps
     * @param fixed the fixed truncation length, at most the longest length
     * @param seed the seed of the examples, the parameters and the randomized truncation
     */
    record Case(TaskCase task, String cell, boolean bidirectional, int layers, int[] lengths, int fixed,
                long seed) {

        Layer layer() {
            Layer one = switch (cell) {
                case "rnn" -> Layer.rnn(3);
                case "lstm" -> Layer.lstm(2);
                default -> Layer.gru(2);
            };
            return bidirectional ? one.bidirectional() : one;
        }

        @Override
        public String toString() {
            return task + ": " + layers + "-layer " + (bidirectional ? "bidirectional " : "") + cell + ", lengths "
                    + Arrays.toString(lengths) + ", fixed k = " + fixed + ", seed " + seed;
        }
    }

    static Gen<Case> cases(TaskCase task) {
        return c -> {
            int steps = Gens.integers(1, 6).generate(c);
            // At least two rows, so that a row is usually padded: one row alone is MaskedAgreementTest's.
            int[] lengths = new int[Gens.integers(2, 4).generate(c)];
            for (int r = 0; r < lengths.length; r++) {
                lengths[r] = Gens.integers(1, steps).generate(c);
            }
            int longest = Arrays.stream(lengths).max().orElseThrow();
            return new Case(task, Gens.oneOf("rnn", "lstm", "gru").generate(c), Gens.booleans().generate(c),
                    Gens.integers(1, 2).generate(c), lengths, Gens.integers(1, longest).generate(c),
                    Gens.longs(0, Long.MAX_VALUE).generate(c));
        };
    }

    @TestFactory
    Stream<DynamicTest> generatedCodeEqualsTheInterpreterForEveryTaskWithMasks() {
        return TaskCases.ALL.stream().map(task -> DynamicTest.dynamicTest(task.name(), () -> PropertyRunner
                .forAll(cases(task)).tries(TRIES).seed(1403L + TaskCases.ALL.indexOf(task))
                .check(TaskAgreementTest::agree)));
    }

    private static void agree(Case k) {
        List<RawExample> examples = k.task().examples(k.lengths(), k.seed());
        DataSpec spec = k.task().spec(examples);
        TaskBatches batches = TaskBatches.training(Buckets.mixed(spec.encode(examples), spec, k.lengths().length),
                spec, k.seed());
        batches.plan(0);
        batches.load(0);
        SequenceBatch b = batches.loaded();
        Program p = Planner.plan(k.task().model(spec, k.layers(), k.layer(), true));
        ProgramExecutor generated = CompiledProgram.compile(p, Options.float64().maxSteps(b.steps())
                .maxBatch(b.batch())).newExecutor();
        ProgramExecutor reference = ProgramExecutor.reference(p, b.steps(), b.batch());
        ParamStore params = ParamStore.initialize(p, k.seed());
        for (Truncation truncation : List.of(Truncation.full(), Truncation.fixed(k.fixed()),
                Truncation.randomized(0.6))) {
            double[] carry = truncation.carry(b.steps(), k.seed());
            Agreement.sameRuns(Agreement.maskedRun(reference, params, b.x(), b.y(), b.lengths(), carry),
                    Agreement.maskedRun(generated, params, b.x(), b.y(), b.lengths(), carry), Agreement.FLOAT64,
                    k + ", " + truncation);
        }
    }
}
