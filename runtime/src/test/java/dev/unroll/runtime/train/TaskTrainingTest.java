package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.data.Buckets;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Sequence;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every task trains end to end through the one trainer (two workers, buckets of several lengths), its loss falls,
 * and its validation metric equals the metric recomputed one sequence at a time on a separate executor.
 */
class TaskTrainingTest {

    private static final String CLASSIFY = "ab\tA\nba\tB\naab\tA\nbba\tB\nabb\tA\nbab\tB\na\tA\nb\tB\n";
    private static final String LABEL = "the cat sat\tD N V\na dog ran\tD N V\nthe dog\tD N\ncat sat\tN V\n"
            + "a cat sat\tD N V\n";
    private static final String REGRESS = "1,2\t0.3\n2,2\t0.4\n1\t0.1\n3,1,1\t0.5\n0,1\t0.1\n";
    private static final String REGRESS_STEPS = "1,2\t0.1 0.3\n2,2\t0.2 0.4\n1\t0.1\n3,1,1\t0.3 0.4 0.5\n";

    @Test
    void classifyTrainsAndItsAccuracyIsRight() {
        check(CLASSIFY, Task.CLASSIFY, TokenKind.CHARS);
    }

    @Test
    void labelTrainsAndItsTokenAccuracyIsRight() {
        check(LABEL, Task.LABEL, TokenKind.WORDS);
    }

    @Test
    void regressOnTheLastStepTrainsAndItsMseIsRight() {
        check(REGRESS, Task.REGRESS, TokenKind.NUMBERS);
    }

    @Test
    void regressOnEveryStepTrainsAndItsMseIsRight() {
        check(REGRESS_STEPS, Task.REGRESS, TokenKind.NUMBERS);
    }

    private static void check(String text, Task task, TokenKind kind) {
        List<RawExample> raw = LineFormat.parse("t", text, kind, task);
        DataSpec spec = DataSpec.learn(raw, task, kind);
        List<Sequence> sequences = spec.encode(raw);
        Buckets buckets = new Buckets(sequences, spec, 3);
        Program program = Planner.plan(Model.of(spec.encoding()).layer(Layer.gru(5)).head(spec.head())
                .loss(spec.loss()).build());
        TrainConfig config = new TrainConfig(buckets.maxLength(), 3, 30, 0.05, TrainConfig.OptimizerKind.ADAM, 1.0,
                Truncation.full(), Sampling.RANDOM, Dtype.FLOAT64, 2, 7, 0, Double.POSITIVE_INFINITY);
        ExecutorFactory factory = (p, steps, rows, dtype) -> ProgramExecutor.reference(p, steps, rows);
        try (Trainer trainer = new Trainer(program, config, factory)) {
            TrainingState state = trainer.initialState();
            TaskBatches training = TaskBatches.training(buckets, spec, 7);
            TaskBatches validation = TaskBatches.evaluation(buckets, spec);
            List<EpochReport> reports = new ArrayList<>();
            for (int e = 0; e < config.epochs(); e++) {
                reports.add(trainer.epoch(state, training, validation, (d, t) -> { }));
            }
            assertTrue(reports.get(reports.size() - 1).train() < reports.get(0).train() * 0.8, reports::toString);
            EpochReport last = reports.get(reports.size() - 1);
            assertEquals(Metric.of(task), last.metric());
            assertEquals(oneAtATime(program, state, spec, sequences), last.validation(), 1e-12);
        }
    }

    /** The metric from forward passes of one sequence each, without the trainer's batching or workers. */
    static double oneAtATime(Program program, TrainingState state, DataSpec spec, List<Sequence> data) {
        ProgramExecutor ex = ProgramExecutor.reference(program, 8, 1);
        ex.setParameters(state.params());
        double sum = 0;
        int count = 0;
        int width = spec.outputs();
        for (Sequence s : data) {
            double[][] x = new double[s.length()][];
            double[][] y = new double[s.length()][spec.targetWidth()];
            for (int t = 0; t < s.length(); t++) {
                x[t] = new double[] {s.x()[t]};
            }
            ex.forward(x, y, Map.of(), 1);
            for (int t = spec.perStep() ? 0 : s.length() - 1; t < s.length(); t++) {
                double[] out = ex.output(t);
                int at = spec.perStep() ? t * spec.targetWidth() : 0;
                if (spec.task() == Task.REGRESS) {
                    for (int c = 0; c < width; c++) {
                        sum += Math.pow(out[c] - s.y()[at + c], 2);
                        count++;
                    }
                } else {
                    int best = 0;
                    for (int c = 1; c < width; c++) {
                        best = out[c] > out[best] ? c : best;
                    }
                    sum += best == (int) s.y()[at] ? 1 : 0;
                    count++;
                }
            }
        }
        return sum / count;
    }
}
