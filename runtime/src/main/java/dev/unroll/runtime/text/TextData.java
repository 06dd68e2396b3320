package dev.unroll.runtime.text;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.List;

/**
 * A corpus turned into token ids: the preprocessing and tokenization used, the vocabulary (built over the whole
 * stream, as d2l does, so validation ids never depend on the split), and the stream split into a training part
 * and a held-out validation part (the last fraction of the stream). Immutable.
 */
public final class TextData {

    /** The default fraction of the stream held out for validation. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    private final Preprocessing preprocessing;
    private final Tokenization tokenization;
    private final Vocab vocab;
    private final int[] train;
    private final int[] validation;

    private TextData(Preprocessing preprocessing, Tokenization tokenization, Vocab vocab, int[] ids, int split) {
        this.preprocessing = preprocessing;
        this.tokenization = tokenization;
        this.vocab = vocab;
        this.train = Arrays.copyOfRange(ids, 0, split);
        this.validation = Arrays.copyOfRange(ids, split, ids.length);
    }

    /**
     * Cleans, tokenizes and encodes {@code corpus} with a new vocabulary, holding out the last
     * {@code floor(n · validationFraction)} tokens ({@code validationFraction} in {@code [0, 1)}; 0 holds none out).
     */
    public static TextData prepare(Corpus corpus, Preprocessing preprocessing, Tokenization tokenization,
                                   int minFrequency, double validationFraction) {
        List<String> stream = tokenization.split(preprocessing.apply(corpus.text()));
        return prepare(corpus, preprocessing, tokenization, Vocab.build(stream, minFrequency), validationFraction);
    }

    /** Like {@link #prepare(Corpus, Preprocessing, Tokenization, int, double)} with a given (restored) vocabulary. */
    public static TextData prepare(Corpus corpus, Preprocessing preprocessing, Tokenization tokenization, Vocab vocab,
                                   double validationFraction) {
        Require.notNull(vocab, "TextData.prepare", "vocab");
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new UnrollException("TextData: the validation fraction must be in [0, 1), got " + validationFraction
                    + " for " + corpus.name() + "; pass e.g. 0.1, or 0 for no validation split");
        }
        int[] ids = vocab.encode(tokenization.split(preprocessing.apply(corpus.text())));
        int held = (int) Math.floor(ids.length * validationFraction);
        return new TextData(preprocessing, tokenization, vocab, ids, ids.length - held);
    }

    /** The minibatches of the training split; see {@link Minibatches}. */
    public Minibatches trainBatches(int batch, int steps, Sampling sampling, long seed) {
        return Minibatches.over("the training split (" + train.length + " of " + (train.length + validation.length)
                + " tokens)", train, batch, steps, sampling, seed);
    }

    /** The minibatches of the validation split; fails when there is none ({@link #hasValidation()}). */
    public Minibatches validationBatches(int batch, int steps, Sampling sampling, long seed) {
        if (validation.length == 0) {
            throw new UnrollException("TextData: there is no validation split (validation fraction 0 or a tiny"
                    + " text); prepare the data with a validation fraction > 0");
        }
        return Minibatches.over("the validation split (" + validation.length + " of "
                + (train.length + validation.length) + " tokens)", validation, batch, steps, sampling, seed);
    }

    /** Whether a validation split was held out. */
    public boolean hasValidation() {
        return validation.length > 0;
    }

    /** The ids of {@code text} after this data's preprocessing and tokenization, e.g. for a generation prompt. */
    public int[] encode(String text) {
        return vocab.encode(tokenization.split(preprocessing.apply(text)));
    }

    /** The text of {@code ids}, joined as this data's tokenization joins tokens. */
    public String decode(int[] ids) {
        return tokenization.join(vocab.decode(ids));
    }

    /** A copy of the training ids. */
    public int[] train() {
        return train.clone();
    }

    /** A copy of the validation ids (empty when none were held out). */
    public int[] validation() {
        return validation.clone();
    }

    /** The vocabulary. */
    public Vocab vocab() {
        return vocab;
    }

    /** The preprocessing applied to the corpus. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** The tokenization applied after preprocessing. */
    public Tokenization tokenization() {
        return tokenization;
    }
}
