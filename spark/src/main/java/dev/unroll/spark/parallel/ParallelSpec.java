package dev.unroll.spark.parallel;

import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.inference.Architecture;
import dev.unroll.runtime.text.Sampling;
import dev.unroll.runtime.train.DataParallel;
import dev.unroll.runtime.train.TrainConfig;
import dev.unroll.runtime.train.TrainingFlags;
import java.io.Serializable;

/**
 * A data-parallel training job of a character-level language model, as Spark ships it to every task: the model, the
 * run's settings (batch is the global batch, split over the workers) and how the workers synchronize.
 *
 * @param cell a standard cell's name or a cell class (see {@code CellChoice})
 * @param layers the recurrent layers
 * @param hidden the hidden units per layer
 * @param steps T
 * @param batch B, the global batch: every worker trains its share of its rows
 * @param epochs passes over the training split
 * @param learningRate the optimizer's learning rate
 * @param optimizer SGD or Adam
 * @param clip the global-norm threshold θ, 0 for none
 * @param truncation {@code full}, {@code fixed:K} or {@code random:π}
 * @param sampling random or sequential minibatches
 * @param dtype float32 or float64 kernels
 * @param threads threads inside each worker (0: chosen per model and the executor's cores)
 * @param seed the seed of parameters, minibatches and truncation
 * @param workers the Spark tasks, one per partition, that train together
 * @param averageEvery 0 to sum gradients every step, else average the parameters every this many steps
 * @param kernelsPackage where kernels generated ahead of time are looked up before compiling in memory
 */
public record ParallelSpec(String cell, int layers, int hidden, int steps, int batch, int epochs, double learningRate,
                           TrainConfig.OptimizerKind optimizer, double clip, String truncation, Sampling sampling,
                           Dtype dtype, int threads, long seed, int workers, int averageEvery, String kernelsPackage)
        implements Serializable {

    /** The divergence bound, as the command line's default: perplexity above 1000 × the vocabulary. */
    private static final double MAX_PERPLEXITY_FACTOR = 1000;

    public ParallelSpec {
        if (workers < 1 || workers > batch) {
            throw new UnrollException("data-parallel training needs 1 ≤ workers ≤ the global batch B = " + batch
                    + " (each worker trains at least one row), got " + workers + " workers; pass --workers N ≤ B");
        }
        if (averageEvery < 0) {
            throw new UnrollException("--average-every must be ≥ 0 (0 sums gradients every step), got "
                    + averageEvery);
        }
    }

    /** Checks the model and the run's settings as a task will build them, so that the driver fails before Spark. */
    public ParallelSpec validated() {
        architecture();
        config(1);
        return this;
    }

    /** The recurrent layers of the model. */
    public Architecture architecture() {
        return Architecture.of(cell, layers, hidden);
    }

    /** The planned language model over {@code vocabulary} tokens. */
    public Program program(int vocabulary) {
        return Planner.plan(architecture().languageModel(vocabulary));
    }

    /** The run's settings for a vocabulary of {@code vocabulary} tokens (no validation split: the data has it). */
    public TrainConfig config(int vocabulary) {
        return new TrainConfig(steps, batch, epochs, learningRate, optimizer, clip, TrainingFlags.truncation(truncation),
                sampling, dtype, threads, seed, 0, TrainConfig.maxLossFor(vocabulary, MAX_PERPLEXITY_FACTOR));
    }

    /** What the workers exchange. */
    public DataParallel.Sync sync() {
        return averageEvery == 0 ? new DataParallel.SumGradients() : new DataParallel.AverageParameters(averageEvery);
    }
}
