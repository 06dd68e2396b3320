package dev.unroll.runtime.inference;

import dev.unroll.compiler.model.Model;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.SavedSpec;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.text.Vocab;
import java.util.List;

/**
 * Everything needed to rebuild a trained model, as a checkpoint records it ({@link ModelCheckpoint}): the format
 * version, the kind (a language model, or a sequence task with its {@link DataSpec}), the layers, the dtype it was
 * trained in, how text becomes tokens, and the vocabulary.
 *
 * @param formatVersion the checkpoint format version it was read from or is written with, 1 to {@link
 *     ModelCheckpoint#FORMAT_VERSION}
 * @param kind a language model or a sequence task
 * @param task the task's data spec (labels, widths, vocabulary) for a sequence task; {@code null} for a language
 *     model
 * @param architecture the cell and the layers
 * @param dtype the precision the model was trained in, and runs in
 * @param tokens the token kind: characters or words for a language model; for a task, its spec's
 * @param preprocessing how a language model's text is cleaned before it is split into tokens
 * @param vocabulary the tokens, {@code <unk>} first; for a task, its spec's (empty for numbers)
 */
public record ModelDescription(int formatVersion, Kind kind, DataSpec task, Architecture architecture, Dtype dtype,
                               TokenKind tokens, Preprocessing preprocessing, List<String> vocabulary) {

    /** What a model predicts. */
    public enum Kind {
        /** The next token at every step, from the tokens so far. */
        LANGUAGE_MODEL,
        /** A sequence task's target: classify, label, regress or seq2seq. */
        SEQUENCE_TASK
    }

    public ModelDescription {
        Require.notNull(kind, "new ModelDescription", "kind");
        Require.notNull(architecture, "new ModelDescription", "architecture");
        Require.notNull(dtype, "new ModelDescription", "dtype");
        Require.notNull(tokens, "new ModelDescription", "tokens");
        Require.notNull(preprocessing, "new ModelDescription", "preprocessing");
        Require.noNulls(vocabulary, "new ModelDescription", "vocabulary");
        vocabulary = List.copyOf(vocabulary);
        if (formatVersion < 1 || formatVersion > ModelCheckpoint.FORMAT_VERSION) {
            throw new UnrollException("ModelDescription: the format version must be 1 to "
                    + ModelCheckpoint.FORMAT_VERSION + ", got " + formatVersion);
        }
        switch (kind) {
            case LANGUAGE_MODEL -> requireLanguageModel(task, tokens, vocabulary);
            case SEQUENCE_TASK -> requireTask(task, tokens, vocabulary);
        }
    }

    /**
     * A language model of {@code layers} unidirectional layers of {@code cell} with {@code hidden} units over
     * {@code vocabulary} ({@code <unk>} first): one-hot input, float32, character tokens of lecture-preprocessed
     * text, as {@code unroll train} makes by default.
     */
    public static ModelDescription languageModel(String cell, int layers, int hidden, List<String> vocabulary) {
        return languageModel(Architecture.of(cell, layers, hidden), vocabulary, Dtype.FLOAT32, TokenKind.CHARS,
                Preprocessing.LECTURE);
    }

    /** A language model of {@code architecture} over {@code vocabulary}, in {@code dtype}, with this tokenization. */
    public static ModelDescription languageModel(Architecture architecture, List<String> vocabulary, Dtype dtype,
                                                 TokenKind tokens, Preprocessing preprocessing) {
        return new ModelDescription(ModelCheckpoint.FORMAT_VERSION, Kind.LANGUAGE_MODEL, null, architecture, dtype,
                tokens, preprocessing, vocabulary);
    }

    /** A model of {@code architecture} for the task of {@code spec}, in {@code dtype}. */
    public static ModelDescription sequenceTask(Architecture architecture, DataSpec spec, Dtype dtype) {
        Require.notNull(spec, "ModelDescription.sequenceTask", "spec");
        return new ModelDescription(ModelCheckpoint.FORMAT_VERSION, Kind.SEQUENCE_TASK, spec, architecture, dtype,
                spec.kind(), Preprocessing.RAW, SavedSpec.vocabulary(spec));
    }

    /** The model to plan ({@code Planner.plan}); a sequence task's unmasked, predicting batches of one length. */
    public Model model() {
        return switch (kind) {
            case LANGUAGE_MODEL -> architecture.languageModel(vocabulary.size());
            case SEQUENCE_TASK -> architecture.taskModel(task, false);
        };
    }

    /** The vocabulary; null for a sequence task over numbers, which has none. */
    Vocab vocab() {
        return vocabulary.isEmpty() ? null : Vocab.fromTokens(vocabulary);
    }

    /** How a language model's text splits into tokens. */
    public Tokenization tokenization() {
        return switch (tokens) {
            case CHARS -> Tokenization.CHARACTERS;
            case WORDS -> Tokenization.WORDS;
            case NUMBERS -> throw new UnrollException("a model of numbers has no text tokenization");
        };
    }

    /** The model in words, e.g. {@code 1-layer lstm, 8 hidden, vocabulary 28}. */
    public String describe() {
        return architecture.describe() + ", vocabulary " + vocabulary.size();
    }

    private static void requireLanguageModel(DataSpec task, TokenKind tokens, List<String> vocabulary) {
        if (task != null) {
            throw new UnrollException("ModelDescription: a language model has no task spec, got one for task "
                    + task.task().flag() + "; use ModelDescription.sequenceTask");
        }
        if (tokens == TokenKind.NUMBERS) {
            throw new UnrollException("ModelDescription: a language model reads characters or words, not numbers");
        }
        try {
            Vocab.fromTokens(vocabulary);
        } catch (UnrollException e) {
            throw new UnrollException("ModelDescription: the vocabulary is not usable: " + e.getMessage(), e);
        }
    }

    private static void requireTask(DataSpec task, TokenKind tokens, List<String> vocabulary) {
        if (task == null) {
            throw new UnrollException("ModelDescription: a sequence task needs its task spec, got null");
        }
        if (tokens != task.kind() || !vocabulary.equals(SavedSpec.vocabulary(task))) {
            throw new UnrollException("ModelDescription: a sequence task's tokens and vocabulary are its spec's ("
                    + task.kind().flag() + ", " + SavedSpec.vocabulary(task).size() + " tokens), got "
                    + tokens.flag() + " and " + vocabulary.size() + " tokens; use ModelDescription.sequenceTask");
        }
    }
}
