package dev.unroll.spark.parallel;

import dev.unroll.compiler.model.Program;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.Minibatches;
import dev.unroll.runtime.train.DataParallel;
import dev.unroll.runtime.train.EpochReport;
import dev.unroll.runtime.train.ExecutorFactory;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.Trainer;
import dev.unroll.runtime.train.TrainingState;
import dev.unroll.kernels.Dtype;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The work of one barrier task: it compiles the model in its executor (or loads kernels generated ahead of time),
 * trains its rows of every global minibatch as one process of {@link DataParallel}, exchanging through {@code
 * allGather}, and reports back.
 */
final class ParallelTask extends AbstractFunction1<Iterator<Integer>, Iterator<ProcessReport>>
        implements Serializable {

    private final ParallelSpec spec;
    private final Broadcast<SharedText> text;

    ParallelTask(ParallelSpec spec, Broadcast<SharedText> text) {
        this.spec = spec;
        this.text = text;
    }

    @Override
    public Iterator<ProcessReport> apply(Iterator<Integer> partition) {
        BarrierTaskContext context = BarrierTaskContext.get();
        AllGatherExchange exchange = new AllGatherExchange(context::allGather, spec.workers());
        ProcessReport report = train(context.partitionId(), exchange);
        return CollectionConverters.asScala(List.of(report).iterator());
    }

    /** Trains as worker {@code worker}; {@code exchange} reaches the others. */
    ProcessReport train(int worker, AllGatherExchange exchange) {
        SharedText shared = text.value();
        int vocabulary = shared.vocabulary().size();
        Program program = spec.program(vocabulary);
        TrainConfig config = spec.config(vocabulary);
        DataParallel part = new DataParallel(worker, spec.workers(), exchange, spec.sync());
        try (Trainer trainer = new Trainer(program, config, factory(), 0, part)) {
            TrainingState state = trainer.initialState();
            Minibatches train = shared.trainBatches(spec);
            Minibatches valid = shared.validationBatches(spec);
            long steps = 0;
            long tokens = 0;
            double seconds = 0;
            while (state.epochsDone() < config.epochs()) {
                EpochReport epoch = trainer.epoch(state, train, valid, (done, total) -> { });
                seconds += epoch.seconds();
                steps += epoch.tokens() / ((long) config.batch() * config.steps());
                tokens += epoch.tokens();
            }
            List<double[]> params = worker == 0 ? Arrays.stream(state.params().arrays()).map(double[]::clone)
                    .toList() : List.of();
            return new ProcessReport(worker, params, new ArrayList<>(state.trainPerplexity()),
                    new ArrayList<>(state.validationPerplexity()), steps, exchange.rounds(), exchange.bytesSent(),
                    exchange.largestMessage(), exchange.gatherSeconds(), seconds, tokens);
        }
    }

    /** Kernels generated ahead of time into the spec's package when the task's class path has them, else javac. */
    private ExecutorFactory factory() {
        PrecompiledKernels kernels = PrecompiledKernels.of(spec.kernelsPackage(),
                Thread.currentThread().getContextClassLoader());
        return (program, maxSteps, maxBatch, dtype) -> CompiledProgram.loadOrCompile(program,
                (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(maxSteps)
                        .maxBatch(maxBatch), kernels).newExecutor();
    }
}
