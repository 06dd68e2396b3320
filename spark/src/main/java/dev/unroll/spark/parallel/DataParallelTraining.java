package dev.unroll.spark.parallel;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.core.Require;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.text.TextData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import scala.reflect.ClassTag$;

/**
 * Synchronous data-parallel training of one language model on Spark: one barrier task per worker, launched together,
 * each training its rows of every global minibatch and exchanging through {@code allGather} (see
 * docs/DISTRIBUTED.md, "Data-parallel training").
 */
public final class DataParallelTraining {

    private DataParallelTraining() {
    }

    /**
     * The outcome of a run: the final parameters (worker 0's, which every worker holds) and each worker's report.
     *
     * @param params the trained parameters
     * @param reports one per worker, in worker order
     */
    public record Result(ParamStore params, List<ProcessReport> reports) {

        /** The training perplexity after each epoch. */
        public List<Double> train() {
            return reports.get(0).train();
        }

        /** The validation perplexity after each epoch. */
        public List<Double> validation() {
            return reports.get(0).validation();
        }

        /**
         * The payload of one worker's message in a training round: 8 bytes per parameter value, plus the loss;
         * every worker receives that from each worker every round.
         */
        public long bytesPerMessage() {
            return reports.get(0).largestMessage();
        }

        /** Tokens of the global minibatches per second of the slowest worker's training. */
        public double tokensPerSecond() {
            double slowest = reports.stream().mapToDouble(ProcessReport::seconds).max().orElse(Double.NaN);
            return reports.get(0).tokens() / slowest;
        }
    }

    /** Trains {@code spec} on {@code data} with {@code spec.workers()} barrier tasks of {@code spark}. */
    public static Result train(SparkSession spark, ParallelSpec spec, TextData data) {
        Require.notNull(spark, "DataParallelTraining.train", "spark");
        Require.notNull(spec, "DataParallelTraining.train", "spec").validated();
        Require.notNull(data, "DataParallelTraining.train", "data");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SharedText> text = context.broadcast(SharedText.of(data));
        try {
            RDD<Integer> workers = context.parallelize(IntStream.range(0, spec.workers()).boxed().toList(),
                    spec.workers()).rdd();
            ProcessReport[] reports = (ProcessReport[]) workers.barrier().mapPartitions(new ParallelTask(spec, text),
                    false, ClassTag$.MODULE$.apply(ProcessReport.class)).collect();
            List<ProcessReport> ordered = Arrays.stream(reports)
                    .sorted(Comparator.comparingInt(ProcessReport::worker)).toList();
            ParamStore params = ParamStore.zeros(spec.program(data.vocab().size()));
            List<double[]> trained = ordered.get(0).params();
            for (int i = 0; i < trained.size(); i++) {
                System.arraycopy(trained.get(i), 0, params.values(i), 0, trained.get(i).length);
            }
            return new Result(params, ordered);
        } finally {
            text.destroy();
        }
    }

    /** Writes {@code result}'s parameters with the description of {@code spec}'s model over {@code data}, atomically. */
    public static void save(Path file, ParallelSpec spec, TextData data, Result result) {
        ModelCheckpoint.save(file, description(spec, data), result.params());
    }

    /** The model {@code spec} trains over {@code data}'s vocabulary of characters, as a checkpoint describes it. */
    public static ModelDescription description(ParallelSpec spec, TextData data) {
        return ModelDescription.languageModel(spec.architecture(), data.vocab().tokens(), spec.dtype(),
                TokenKind.CHARS, data.preprocessing());
    }
}
