package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.TextGenerator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained model loaded for inference: steps a language model token by token from an explicit {@link State}, runs
 * whole batches of token sequences, generates, scores text, and predicts a sequence task's targets.
 *
 * <p>A predictor may be shared between threads: its parameters never change after loading, and each call borrows
 * a private executor from a pool (kernels are compiled, or found precompiled, once per capacity and shared), so
 * concurrent calls give exactly the results serial ones give. {@link State} and {@link Step} are immutable.
 */
public final class Predictor {

    /** Steps scored in one pass of {@link #score}; longer texts continue from the state the pass ends in. */
    static final int SCORE_CHUNK = 256;

    private final ModelDescription description;
    private final ExecutorPool pool;
    private final Vocab vocab;
    private final int longestTarget;
    private volatile Map<String, Integer> stateWidths;

    private Predictor(ModelDescription description, Program program, ParamStore params, PrecompiledKernels kernels,
                      int longestTarget) {
        this.description = description;
        this.pool = new ExecutorPool(program, params, description.dtype(), kernels);
        this.vocab = description.vocab();
        this.longestTarget = longestTarget;
    }

    /** Loads {@code checkpoint} (validated completely), compiling its kernels in memory when first used. */
    public static Predictor load(Path checkpoint) {
        return load(ModelCheckpoint.read(checkpoint), null);
    }

    /** As {@link #load(Path)}, using the kernels of {@code kernels} generated ahead of time (no javac needed). */
    public static Predictor load(Path checkpoint, PrecompiledKernels kernels) {
        Require.notNull(kernels, "Predictor.load", "kernels");
        return load(ModelCheckpoint.read(checkpoint), kernels);
    }

    /**
     * A predictor of a checkpoint already read (its parameters copied); {@code kernels} may be null to compile in
     * memory.
     */
    public static Predictor load(ModelCheckpoint.Loaded saved, PrecompiledKernels kernels) {
        Require.notNull(saved, "Predictor.load", "saved");
        return new Predictor(saved.description(), saved.program(), saved.params().copy(), kernels,
                TaskRuns.longestTarget(saved));
    }

    /**
     * A predictor of {@code description}'s model with {@code params} (copied, so later training does not change it);
     * {@code kernels} may be null to compile in memory.
     */
    public static Predictor of(ModelDescription description, ParamStore params, PrecompiledKernels kernels) {
        Require.notNull(description, "Predictor.of", "description");
        Require.notNull(params, "Predictor.of", "params");
        Program program = Planner.plan(description.model());
        ParamStore copy = ParamStore.zeros(program);
        copy.copyFrom(params);
        return new Predictor(description, program, copy, kernels, 0);
    }

    /** The model this predictor runs. */
    public ModelDescription description() {
        return description;
    }

    /**
     * A language model's recurrent state between two tokens, by state name (each layer's, e.g. {@code h} and
     * {@code c}): immutable, its arrays copied in and out.
     *
     * @param values each state's values, one row
     */
    public record State(Map<String, double[]> values) {

        public State {
            Require.notNull(values, "new Predictor.State", "values");
            Map<String, double[]> copy = new LinkedHashMap<>();
            values.forEach((name, v) -> copy.put(Require.notNull(name, "new Predictor.State", "name"),
                    Require.notNull(v, "new Predictor.State", "values of " + name).clone()));
            values = Collections.unmodifiableMap(copy);
        }

        /** The values of state {@code name}, a copy. */
        public double[] get(String name) {
            double[] v = values.get(name);
            if (v == null) {
                throw new UnrollException("Predictor.State: there is no state '" + name + "'; it has "
                        + values.keySet());
            }
            return v.clone();
        }

        @Override
        public Map<String, double[]> values() {
            Map<String, double[]> copy = new LinkedHashMap<>();
            values.forEach((name, v) -> copy.put(name, v.clone()));
            return copy;
        }
    }

    /**
     * One step of a language model: the logits of the next token, and the state to step on from.
     *
     * @param logits one per vocabulary token (a copy is returned)
     * @param next the state after the token
     */
    public record Step(double[] logits, State next) {

        public Step {
            logits = Require.notNull(logits, "new Predictor.Step", "logits").clone();
            Require.notNull(next, "new Predictor.Step", "next");
        }

        @Override
        public double[] logits() {
            return logits.clone();
        }
    }

    /**
     * How well a language model predicts a text: each token after the first from the ones before it.
     *
     * @param tokens the text's tokens
     * @param meanCrossEntropy the mean of {@code -ln p(token | tokens before)} over the {@code tokens - 1} predicted
     * @param perplexity {@code exp(meanCrossEntropy)}
     */
    public record Score(int tokens, double meanCrossEntropy, double perplexity) {
    }

    /** The zero state a sequence starts from. */
    public State start() {
        PredictorRules.causal(description, "step");
        Map<String, double[]> zeros = new LinkedHashMap<>();
        stateWidths().forEach((name, width) -> zeros.put(name, new double[width]));
        return new State(zeros);
    }

    /** Feeds {@code token} to the model in {@code state}: the next token's logits and the following state. */
    public Step step(State state, int token) {
        PredictorRules.causal(description, "step");
        Require.notNull(state, "Predictor.step", "state");
        requireState(state);
        PredictorRules.token(description, token, "Predictor.step");
        return pool.with(1, 1, executor -> {
            executor.forward(new double[][] {{token}}, new double[][] {{0}}, state.values, 1);
            return new Step(executor.output(0), new State(executor.finalStates()));
        });
    }

    /**
     * The head's outputs for each sequence of token ids: per sequence its steps' outputs (a language model's logits
     * at every step; a task's at every step or, for a last-step head, at its last step alone). Sequences may have
     * different lengths; each starts from the zero state.
     */
    public List<double[][]> run(List<int[]> sequences) {
        Require.noNulls(sequences, "Predictor.run", "sequences");
        PredictorRules.tokenInput(description, "run");
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i).length == 0) {
                throw new UnrollException("Predictor.run: every sequence needs at least 1 token, but sequence " + i
                        + " is empty");
            }
            for (int token : sequences.get(i)) {
                PredictorRules.token(description, token, "Predictor.run");
            }
        }
        return switch (description.kind()) {
            case LANGUAGE_MODEL -> LanguageModelRuns.run(pool, sequences, vocab.size());
            case SEQUENCE_TASK -> TaskRuns.run(pool, description.task(), sequences);
        };
    }

    /**
     * A sequence task's predictions for {@code lines} (tokens as in its data files; a target after a tab is
     * ignored), as {@code unroll predict} prints them: the label, a label per token, the numbers, or the greedy
     * decoding (of at most twice the longest training target).
     */
    public List<String> predict(List<String> lines) {
        return predict(lines, 0);
    }

    /** As {@link #predict(List)}; a seq2seq decoding holds at most {@code maxLength} tokens (0: the default). */
    public List<String> predict(List<String> lines, int maxLength) {
        PredictorRules.task(description, "predict");
        Require.noNulls(lines, "Predictor.predict", "lines");
        return TaskRuns.predict(pool, description.task(), lines, TaskRuns.maxLength(description.task(), maxLength,
                longestTarget));
    }

    /** As {@link #predict(List, int)}, for the sequences of a data file ({@code .npz} or lines). */
    public List<String> predict(Path data, int maxLength) {
        PredictorRules.task(description, "predict");
        Require.notNull(data, "Predictor.predict", "data");
        return TaskRuns.predict(pool, description.task(), data, TaskRuns.maxLength(description.task(), maxLength,
                longestTarget));
    }

    /** The token ids of {@code text} after the model's preprocessing and tokenization (unknown tokens: 0). */
    public int[] encode(String text) {
        PredictorRules.languageModel(description, "encode");
        Require.notNull(text, "Predictor.encode", "text");
        return vocab.encode(description.tokenization().split(description.preprocessing().apply(text)));
    }

    /** The text of token ids, joined as the model's tokenization joins tokens. */
    public String decode(int[] ids) {
        PredictorRules.languageModel(description, "decode");
        Require.notNull(ids, "Predictor.decode", "ids");
        for (int id : ids) {
            PredictorRules.token(description, id, "Predictor.decode");
        }
        return description.tokenization().join(vocab.decode(ids));
    }

    /**
     * {@code prefix} continued by {@code count} tokens, as {@code unroll generate} does: the state warms up on the
     * prefix, then each token is the most likely (temperature 0) or drawn from {@code softmax(logits /
     * temperature)} with a generator seeded by {@code seed}.
     */
    public String generate(String prefix, int count, double temperature, long seed) {
        PredictorRules.causal(description, "generate");
        Require.notNull(prefix, "Predictor.generate", "prefix");
        int[] prompt = encode(prefix);
        if (prompt.length == 0) {
            throw new UnrollException("Predictor.generate: the prefix " + CheckpointFields.quote(prefix)
                    + " has no tokens after "
                    + description.preprocessing().name().toLowerCase(Locale.ROOT) + " preprocessing;"
                    + " give a prefix with letters");
        }
        int[] next = generate(prompt, count, temperature, seed);
        int[] all = Arrays.copyOf(prompt, prompt.length + next.length);
        System.arraycopy(next, 0, all, prompt.length, next.length);
        return decode(all);
    }

    /** The {@code count} token ids that follow {@code prompt}, as {@link #generate(String, int, double, long)}. */
    public int[] generate(int[] prompt, int count, double temperature, long seed) {
        PredictorRules.causal(description, "generate");
        Require.notNull(prompt, "Predictor.generate", "prompt");
        if (count < 0) {
            throw new UnrollException("Predictor.generate: the count of tokens must be ≥ 0, got " + count);
        }
        for (int token : prompt) {
            PredictorRules.token(description, token, "Predictor.generate");
        }
        return pool.with(1, 1, executor -> TextGenerator.continueFrom(executor, prompt,
                count, temperature, seed));
    }

    /** How well the model predicts {@code text}, which needs at least 2 tokens after preprocessing. */
    public Score score(String text) {
        PredictorRules.causal(description, "score");
        int[] ids = encode(text);
        if (ids.length < 2) {
            throw new UnrollException("Predictor.score: the text needs at least 2 tokens (the first is only read),"
                    + " but has " + ids.length + " after " + description.preprocessing().name()
                    .toLowerCase(Locale.ROOT) + " preprocessing; give a longer text");
        }
        double mean = LanguageModelRuns.meanCrossEntropy(pool, ids, SCORE_CHUNK);
        return new Score(ids.length, mean, Math.exp(mean));
    }

    /** Each state's width, learned from one step of the model. */
    private Map<String, Integer> stateWidths() {
        Map<String, Integer> widths = stateWidths;
        if (widths == null) {
            widths = pool.with(1, 1, executor -> {
                executor.forward(new double[][] {{0}}, new double[][] {{0}}, Map.of(), 1);
                Map<String, Integer> out = new LinkedHashMap<>();
                executor.finalStates().forEach((name, v) -> out.put(name, v.length));
                return Collections.unmodifiableMap(out);
            });
            stateWidths = widths;
        }
        return widths;
    }

    private void requireState(State state) {
        Map<String, Integer> widths = stateWidths();
        Map<String, Integer> given = new LinkedHashMap<>();
        state.values.forEach((name, v) -> given.put(name, v.length));
        if (!given.equals(widths)) {
            throw new UnrollException("Predictor.step: the state must hold this model's states " + widths
                    + " (name = width), but holds " + given + "; start from start() and step on with the state each"
                    + " step returns, from this predictor");
        }
    }
}
