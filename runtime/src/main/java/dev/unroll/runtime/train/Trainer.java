package dev.unroll.runtime.train;

import dev.unroll.compiler.bptt.GradClip;
import dev.unroll.compiler.bptt.NonFiniteGradientException;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.compiler.model.SegmentedExecutor;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.RandomMasks;
import dev.unroll.kernels.Team;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.optim.Adam;
import dev.unroll.runtime.optim.Optimizer;
import dev.unroll.runtime.optim.SGD;
import dev.unroll.runtime.text.Minibatches;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a program on minibatches with generated code: forward, BPTT with the configured truncation, clipping by
 * global norm, an optimizer step; after each epoch the training loss (perplexity for a language model) and the
 * task's validation metric ({@link Metric}). One loop serves every task: language models read token minibatches
 * ({@link Minibatches}), the other tasks length-bucketed sequences ({@link TaskBatches}); a seq2seq model trains
 * with teacher forcing and is scored by greedy decoding.
 * Divergence stops the run with a {@link TrainingDivergedException} at the step where it happens: a minibatch loss
 * that is non-finite or above {@link TrainConfig#maxLoss()}, a non-finite gradient (checked before the update), a
 * non-finite parameter after the update, or a non-finite epoch figure (perplexity or mean loss, validation
 * metric) after the epoch; its message names the task's loss and metric.
 * A trainer may be one process of data-parallel training of a language model ({@link DataParallel}): it then trains
 * its rows of every minibatch and exchanges gradients (or parameters) and losses with the other processes.
 */
public final class Trainer implements AutoCloseable {

    /** Receives progress while an epoch runs: batches done and the epoch's total, and optionally every step. */
    public interface Progress {
        void update(int done, int total);

        /**
         * After training step {@code minibatch} (from 1) of epoch {@code epoch} (from 1) passed the divergence
         * checks: its loss, its global gradient norm before clipping and whether clipping scaled it down.
         */
        default void step(int epoch, int minibatch, double loss, double gradientNorm, boolean clipped) {
        }
    }

    private final Program program;
    private final TrainConfig config;
    private final List<ProgramExecutor> executors = new ArrayList<>();
    private final Workers workers;
    // Where the batch is not split, the threads that split the single executor's large products by columns.
    private final Team team;
    // The step's minibatch, carry factors and optimizer arguments, kept from step to step so that a step allocates
    // nothing.
    private final double[][] carryFactors;
    private final DivergenceGuard guard;
    private final GradientNorms.Accumulator norms;
    private final DataParallel parallel;
    private LmBatches lmTraining;
    private LmBatches lmEvaluation;

    /** A trainer whose executors (one per thread) come from {@code factory}. */
    public Trainer(Program program, TrainConfig config, ExecutorFactory factory) {
        this(program, config, factory, 0);
    }

    /**
     * A trainer that keeps the tape of at most {@code recompute} steps and recomputes the rest in the backward pass
     * ({@link SegmentedExecutor}): memory for {@code recompute} steps instead of T, for one more forward pass; 0,
     * or T or more, keeps every step's tape. Recomputing needs a model that runs forward in time over continuous
     * text: a language model, not masked batches.
     */
    public Trainer(Program program, TrainConfig config, ExecutorFactory factory, int recompute) {
        this(program, config, factory, recompute, DataParallel.single());
    }

    /**
     * A trainer as {@link #Trainer(Program, TrainConfig, ExecutorFactory, int)} that is the process {@code parallel}
     * describes of data-parallel training: it trains that process's rows of every minibatch of the configured
     * (global) batch, over threads as the config says, and exchanges with the other processes. Only a language
     * model trains data-parallel; {@link DataParallel#single()} is plain training.
     */
    public Trainer(Program program, TrainConfig config, ExecutorFactory factory, int recompute,
                   DataParallel parallel) {
        Require.notNull(program, "new Trainer", "program");
        Require.notNull(config, "new Trainer", "config");
        Require.notNull(factory, "new Trainer", "factory");
        this.parallel = Require.notNull(parallel, "new Trainer", "parallel");
        boolean segmented = recompute > 0 && recompute < config.steps();
        requireRecomputable(program, recompute, segmented);
        requireParallelizable(program, config, parallel);
        this.program = program;
        this.config = config;
        int local = parallel.to(config.batch()) - parallel.from(config.batch());
        int threads = Math.min(config.workers(program), local);
        int rows = (local + threads - 1) / threads;
        for (int i = 0; i < threads; i++) {
            executors.add(factory.create(program, segmented ? recompute : config.steps(), rows, config.dtype()));
        }
        int teamThreads = config.team(program);
        this.team = teamThreads > 1 ? new Team(teamThreads) : Team.alone();
        executors.get(0).useTeam(team);
        this.workers = new Workers(executors, segmented ? recompute : 0, parallel);
        this.carryFactors = new double[config.steps() + 1][];
        this.guard = new DivergenceGuard(config.maxLoss());
        this.norms = new GradientNorms.Accumulator(config.clip());
    }

    private static void requireRecomputable(Program program, int recompute, boolean segmented) {
        if (recompute < 0) {
            throw new UnrollException("the segment length to recompute must be ≥ 0 (0 keeps every step's tape), got "
                    + recompute);
        }
        if (segmented && program.model().masked()) {
            throw new UnrollException("recomputing segments of " + recompute + " steps needs continuous text (a"
                    + " language model), but this model is masked for sequences of their own lengths; train it"
                    + " keeping every step's tape");
        }
    }

    private static void requireParallelizable(Program program, TrainConfig config, DataParallel parallel) {
        if (parallel.processes() == 1) {
            return;
        }
        if (program.model().masked()) {
            throw new UnrollException("data-parallel training splits the rows of continuous text (a language model),"
                    + " but this model is masked for sequences of their own lengths; train it in one process");
        }
        if (parallel.processes() > config.batch()) {
            throw new UnrollException("data-parallel training gives each process at least one row of the global"
                    + " batch, but " + parallel.processes() + " processes share B = " + config.batch() + " rows;"
                    + " use at most " + config.batch() + " workers or a larger batch");
        }
    }

    /** A fresh state: parameters drawn from the config's seed and a new optimizer. */
    public TrainingState initialState() {
        return new TrainingState(ParamStore.initialize(program, config.seed()), newOptimizer(config), 0);
    }

    /** A new optimizer of the configured kind. */
    public static Optimizer newOptimizer(TrainConfig config) {
        Require.notNull(config, "Trainer.newOptimizer", "config");
        return switch (config.optimizer()) {
            case SGD -> new SGD(config.learningRate());
            case ADAM -> new Adam(config.learningRate());
        };
    }

    /**
     * Trains one epoch of a language model and evaluates; {@code validation} may be {@code null}. Throws {@link
     * TrainingDivergedException} when training diverges; {@code state} then holds a partial epoch.
     */
    public EpochReport epoch(TrainingState state, Minibatches training, Minibatches validation, Progress progress) {
        lmTraining = LmBatches.over(lmTraining, training);
        lmEvaluation = validation == null ? lmEvaluation : LmBatches.over(lmEvaluation, validation);
        return epoch(state, lmTraining, validation == null ? null : lmEvaluation, progress);
    }

    /**
     * Trains one epoch on {@code training} and evaluates the task's metric on {@code validation} (may be {@code
     * null}). Throws {@link TrainingDivergedException} when training diverges; {@code state} then holds a partial
     * epoch.
     */
    public EpochReport epoch(TrainingState state, Batches training, Batches validation, Progress progress) {
        Require.notNull(training, "Trainer.epoch", "training");
        if (parallel.processes() > 1 && training.task() != Task.LM) {
            throw new UnrollException("data-parallel training is for language models, but these batches are for the"
                    + " task " + training.task() + "; train it in one process");
        }
        int epoch = state.epochsDone();
        int count = training.plan(epoch);
        long start = System.nanoTime();
        double lossSum = 0;
        long tokens = 0;
        norms.reset();
        Metric metric = Metric.of(training.task());
        guard.judging(metric);
        workers.weighLocally(parallel.weighsLocally());
        for (int i = 0; i < count; i++) {
            guard.at(epoch, i, count);
            training.load(i);
            workers.setNoise(noiseKey(epoch, i), true);
            lossSum += trainStep(state, training, carry(epoch, i, training.steps()), progress);
            parallel.afterStep(i, count, state.params());
            // Every process counts the global batch's tokens: the rate is that of the whole run.
            tokens += (long) training.batch() * training.steps();
            progress.update(i + 1, count);
        }
        lossSum = parallel.epochLoss(lossSum, (double) (parallel.to(training.batch())
                - parallel.from(training.batch())) / training.batch());
        double seconds = (System.nanoTime() - start) / 1e9;
        // A language model reports its training perplexity; the other tasks their mean training loss.
        double train = metric == Metric.PERPLEXITY ? Math.exp(lossSum / count) : lossSum / count;
        double valid = validation == null ? Double.NaN : evaluate(state, validation);
        guard.epochFigures(train, valid);
        state.finishEpoch(train, valid);
        return new EpochReport(epoch + 1, metric, train, valid, norms.summary(), tokens / seconds, tokens, seconds);
    }

    /** Perplexity of the current parameters on {@code data} (its epoch 0 minibatches, forward only). */
    public double perplexity(TrainingState state, Minibatches data) {
        lmEvaluation = LmBatches.over(lmEvaluation, data);
        return evaluate(state, lmEvaluation);
    }

    /**
     * The task's metric ({@link Metric#of}) of the current parameters on {@code data}: its epoch 0 minibatches,
     * forward only.
     */
    public double evaluate(TrainingState state, Batches data) {
        workers.setNoise(0L, false);
        workers.weighLocally(false);
        workers.setParameters(state.params());
        Scoring scoring = new Scoring(data.task(), data instanceof TaskBatches t && t.spec().perStep());
        int count = data.plan(0);
        for (int i = 0; i < count; i++) {
            data.load(i);
            if (data.task() == Task.SEQ2SEQ) {
                // A batch's steps cover its longest target and <eos>: a decoding that runs longer cannot match.
                scoring.addDecoded(data, workers.greedy(data, DataSpec.BEGIN_INDEX, DataSpec.END_INDEX,
                        data.steps()));
            } else {
                scoring.add(data, workers.run(data, null), workers::outputs);
            }
        }
        scoring.sumAcross(parallel);
        return scoring.value();
    }

    private double trainStep(TrainingState state, Batches b, double[] carry, Progress progress) {
        workers.setParameters(state.params());
        double loss = parallel.stepGradients(workers.run(b, carry), workers.gradients());
        guard.loss(loss);
        double norm = clip(workers.gradients());
        state.optimizer().step(state.params(), workers.gradients());
        guard.parameters(state.params().names(), state.params().arrays());
        progress.step(guard.epoch(), guard.minibatch(), loss, norm, norms.add(norm));
        return loss;
    }

    /** Clips {@code grads} in place by global norm (when clipping is on) and returns the norm before clipping. */
    private double clip(ParamStore grads) {
        double norm;
        try {
            // With clipping off the norm is still computed, for the gradient-norm report.
            norm = GradClip.clipInPlace(grads.names(), grads.arrays(), config.clip() > 0 ? config.clip()
                    : Double.MAX_VALUE);
        } catch (NonFiniteGradientException e) {
            throw guard.gradient(e);
        }
        guard.gradientNorm(norm);
        return norm;
    }

    /**
     * The truncation schedule of batch {@code index} of epoch {@code epoch}, of {@code steps} steps, in a reused
     * carry array: seeded by both, so resumable.
     */
    private double[] carry(int epoch, int index, int steps) {
        long seed = config.seed() * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + index;
        if (carryFactors[steps] == null) {
            carryFactors[steps] = new double[steps];
        }
        // A bucket shorter than the fixed truncation length has no step to cut at: full BPTT is that schedule.
        Truncation truncation = config.truncation() instanceof Truncation.Fixed f && f.k() > steps
                ? Truncation.full() : config.truncation();
        return truncation.carry(steps, seed, carryFactors[steps]);
    }

    /**
     * The key of the dropout and zoneout masks of minibatch {@code index} of epoch {@code epoch}: a function of the
     * seed and both, so that the masks do not depend on the threads and a resumed run draws the same.
     */
    private long noiseKey(int epoch, int index) {
        return RandomMasks.stream(config.seed(), epoch, index);
    }

    /** The executor of the first worker, in evaluation mode, for generation between epochs. */
    public ProgramExecutor generationExecutor(TrainingState state) {
        ProgramExecutor ex = executors.get(0);
        ex.setNoise(0L, 0, false);
        ex.setParameters(state.params());
        return ex;
    }

    @Override
    public void close() {
        workers.close();
        team.close();
    }
}
