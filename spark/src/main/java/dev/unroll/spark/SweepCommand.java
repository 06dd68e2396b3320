package dev.unroll.spark;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.spark.sweep.LanguageModelTraining;
import dev.unroll.spark.sweep.Sweep;
import dev.unroll.spark.sweep.SweepConfig;
import dev.unroll.spark.sweep.SweepCorpus;
import dev.unroll.spark.sweep.SweepGrid;
import dev.unroll.spark.sweep.SweepOption;
import dev.unroll.spark.sweep.SweepResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code sweep} command: a grid or random search over language-model training options, one Spark task per run. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character-level language model once per configuration of a grid (or of a random"
                + " search over it), each run a Spark task with its own seed; write results.csv and the best run's"
                + " best.ckpt to --out.",
            "Options a grid can vary (default in brackets): cell [lstm], hidden [256], layers [1], lr [1],"
                    + " optimizer [sgd], truncation [full], dropout [0], clip [1], epochs [30], batch [32], steps [35],"
                    + " seed [42]."})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...", description = "Values of one option, e.g. --grid"
            + " lr=0.5,1 --grid cell=lstm,gru; repeat for each option.")
    List<String> grid;

    @Option(names = "--grid-file", paramLabel = "FILE", description = "The grid as lines NAME = V1, V2, ... ('#'"
            + " starts a comment), instead of --grid.")
    Path gridFile;

    @Option(names = "--random", paramLabel = "N", defaultValue = "0", description = "Draw N configurations, each"
            + " value uniformly from its list and each seed from --sweep-seed, instead of trying every combination"
            + " (default: ${DEFAULT-VALUE}, the whole grid).")
    int random;

    @Option(names = "--sweep-seed", defaultValue = "42", description = "The seed of a random search's draws"
            + " (default: ${DEFAULT-VALUE}).")
    long sweepSeed;

    @Option(names = "--text", paramLabel = "FILE", description = "A UTF-8 text file to train on (default: The Time"
            + " Machine, built in). Every executor receives it from the driver.")
    Path text;

    @Option(names = "--max-chars", paramLabel = "N", defaultValue = "0", description = "Train on the first N"
            + " characters of the text only (default: ${DEFAULT-VALUE}, all of it).")
    int maxChars;

    @Option(names = "--validation", defaultValue = "0.1", description = "Share of the text held out for validation,"
            + " which ranks the runs, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where results.csv, best.ckpt and"
            + " the runs' checkpoints go: a directory the driver and every executor see.")
    Path out;

    @Option(names = "--force", description = "Replace an existing results.csv in --out.")
    boolean force;

    @Option(names = "--keep-checkpoints", description = "Keep every run's checkpoint in --out/checkpoints, not only"
            + " the best run's copy best.ckpt.")
    boolean keepCheckpoints;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() {
        List<SweepConfig> configs = configurations();
        SweepCorpus corpus = corpus();
        Sweep.requireRunnable(configs, corpus);
        Sweep.Output output = new Sweep.Output(out, force, keepCheckpoints);
        output.results();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("sweep: %d configurations on %s%n", configs.size(), corpus.name());
        SparkSession spark = job.session("unroll sweep");
        try {
            Sweep.Outcome outcome = new Sweep(spark, new LanguageModelTraining(job.kernelsPackage),
                    output).run(configs, corpus);
            report(outcome);
        } finally {
            spark.stop();
        }
        return 0;
    }

    private List<SweepConfig> configurations() {
        if ((grid == null) == (gridFile == null)) {
            throw new UnrollException("a sweep needs its grid either as --grid NAME=V1,V2 flags or as --grid-file"
                    + " FILE, " + (grid == null ? "but neither was given" : "not both") + "; options: "
                    + SweepOption.keys());
        }
        SweepGrid g = grid != null ? SweepGrid.parse(grid, "--grid") : SweepGrid.read(gridFile);
        if (random < 0) {
            throw new UnrollException("--random must be ≥ 0 (0 tries the whole grid), got " + random);
        }
        return random == 0 ? g.configurations() : g.random(random, sweepSeed);
    }

    private SweepCorpus corpus() {
        if (maxChars < 0) {
            throw new UnrollException("--max-chars must be ≥ 0 (0 keeps the whole text), got " + maxChars);
        }
        Corpus c = text == null ? BuiltinCorpus.timeMachine() : Corpus.read(text);
        SweepCorpus corpus = SweepCorpus.of(c, validation);
        return maxChars == 0 ? corpus : corpus.first(maxChars);
    }

    private void report(Sweep.Outcome outcome) {
        PrintWriter w = spec.commandLine().getOut();
        for (SweepResult r : outcome.runs()) {
            w.printf(Locale.ROOT, "config %d  %s  validation perplexity %.3f  %.1f s  %.0f tokens/s  %s%n",
                    r.config().id(), r.config().describe(), r.finalValidationPerplexity(), r.seconds(),
                    r.tokensPerSecond(), r.status());
        }
        w.println("results: " + outcome.csv());
        outcome.best().ifPresentOrElse(b -> w.printf(Locale.ROOT, "best: config %d (%s), validation perplexity"
                        + " %.3f, checkpoint %s%n", b.config().id(), b.config().describe(),
                        b.finalValidationPerplexity(), outcome.csv().resolveSibling(Sweep.BEST)),
                () -> w.println("no run completed, so there is no best checkpoint"));
        w.flush();
    }
}
