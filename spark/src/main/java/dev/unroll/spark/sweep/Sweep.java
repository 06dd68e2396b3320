package dev.unroll.spark.sweep;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.text.TextData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a sweep on Spark: one task per configuration (one partition each), each training with its own seed through a
 * {@link TrainFunction} and saving its model to {@code checkpoints/config-<id>.ckpt} in the output directory. The
 * driver collects the results into a {@code Dataset<Row>} ({@link ResultTable}), writes them atomically to {@code
 * results.csv}, copies the checkpoint of the run with the lowest final validation perplexity to {@code best.ckpt}
 * and, unless told to keep them, deletes the others. A failed task is retried by Spark ({@code
 * spark.task.maxFailures}); it rewrites only its own checkpoint, atomically, so no retry can touch another
 * configuration's results. The output directory must be one the driver and every executor see (a shared file system
 * on a cluster).
 */
public final class Sweep {

    /** The results file in the output directory. */
    public static final String RESULTS = "results.csv";
    /** The copy of the best run's checkpoint in the output directory. */
    public static final String BEST = "best.ckpt";
    /** The directory of the per-configuration checkpoints in the output directory. */
    public static final String CHECKPOINTS = "checkpoints";

    /**
     * Where a sweep writes.
     *
     * @param directory the output directory
     * @param force whether an existing {@code results.csv} may be replaced
     * @param keepCheckpoints whether every configuration's checkpoint is kept, not only the best one's copy
     */
    public record Output(Path directory, boolean force, boolean keepCheckpoints) {
        public Output {
            if (directory == null) {
                throw new UnrollException("a sweep needs an output directory");
            }
        }

        /** The results file, which must not exist yet unless {@link #force}. */
        public Path results() {
            Path csv = directory.toAbsolutePath().resolve(RESULTS);
            if (Files.exists(csv) && !force) {
                throw new UnrollException("the sweep's results file " + csv + " exists already; choose another"
                        + " output directory, or pass --force to replace it");
            }
            return csv;
        }
    }

    /**
     * What a sweep produced.
     *
     * @param results one row per configuration, ordered by id
     * @param runs the same results as records
     * @param csv the results file
     * @param best the best run, if any completed
     */
    public record Outcome(Dataset<Row> results, List<SweepResult> runs, Path csv, Optional<SweepResult> best) {
    }

    private final SparkSession spark;
    private final TrainFunction train;
    private final Output output;

    /** A sweep on {@code spark} whose tasks run {@code train} and write to {@code output}. */
    public Sweep(SparkSession spark, TrainFunction train, Output output) {
        if (spark == null || train == null || output == null) {
            throw new UnrollException("a sweep needs a Spark session, a training function and an output");
        }
        this.spark = spark;
        this.train = train;
        this.output = output;
    }

    /** Trains every configuration on {@code corpus} as its own Spark task and gathers the results. */
    public Outcome run(List<SweepConfig> configs, SweepCorpus corpus) {
        requireRunnable(configs, corpus);
        Path csv = output.results();
        Path directory = csv.getParent();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SweepCorpus> shared = context.broadcast(corpus);
        List<SweepResult> runs = new ArrayList<>(context.parallelize(configs, configs.size())
                .mapPartitions(task(train, shared, directory.resolve(CHECKPOINTS).toString()))
                .collect());
        shared.destroy();
        runs.sort(Comparator.comparingInt(r -> r.config().id()));
        AtomicFiles.writeString(csv, ResultTable.csv(runs));
        Optional<SweepResult> best = SweepFiles.keepBest(runs, directory.resolve(BEST), output.keepCheckpoints());
        Dataset<Row> rows = spark.createDataFrame(runs.stream().map(ResultTable::row).toList(),
                ResultTable.schema());
        return new Outcome(rows, List.copyOf(runs), csv, best);
    }

    /** The checkpoint file of configuration {@code id} in {@code checkpoints}. */
    public static String checkpointOf(String checkpoints, int id) {
        return Path.of(checkpoints, "config-" + id + ".ckpt").toString();
    }

    /** A static factory, so that the task's closure holds only what it needs, never the driver's sweep. */
    private static FlatMapFunction<Iterator<SweepConfig>, SweepResult> task(TrainFunction train,
                                                                             Broadcast<SweepCorpus> corpus,
                                                                             String checkpoints) {
        return configs -> {
            List<SweepResult> out = new ArrayList<>();
            configs.forEachRemaining(c -> out.add(train.train(c, corpus.value(), checkpointOf(checkpoints, c.id()))));
            return out.iterator();
        };
    }

    /** Refuses, before any task starts, a sweep with no or duplicate ids or a configuration the text cannot feed. */
    public static void requireRunnable(List<SweepConfig> configs, SweepCorpus corpus) {
        if (configs == null || configs.isEmpty()) {
            throw new UnrollException("a sweep needs at least one configuration, got none; give a grid with values");
        }
        TextData data = corpus.prepare();
        Set<Integer> ids = new HashSet<>();
        for (SweepConfig c : configs) {
            if (!ids.add(c.id())) {
                throw new UnrollException("sweep configuration ids must be unique (they name the files), but " + c.id()
                        + " appears twice");
            }
            try {
                SweepBatches.of(c.trainConfig(data.vocab().size(), corpus.validation()), data);
            } catch (UnrollException e) {
                throw new UnrollException("sweep configuration " + c.id() + " (" + c.describe() + ") cannot train on "
                        + corpus.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
