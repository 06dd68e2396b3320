package dev.unroll.spark.sweep;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import java.io.Serializable;

/**
 * The text every run of a sweep trains on, shipped to the executors once: lecture-preprocessed characters, as
 * {@code unroll train} reads a corpus by default, with the last {@code validation} share held out.
 *
 * @param name where the text came from, for messages
 * @param text the text
 * @param validation the share of the tokens held out for validation, in (0, 1): a sweep ranks by it
 */
public record SweepCorpus(String name, String text, double validation) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SweepCorpus {
        Corpus.of(name, text);
        if (!(validation > 0 && validation < 1)) {
            throw new UnrollException("a sweep ranks its runs by validation perplexity, so the validation share must"
                    + " be in (0, 1), got " + validation + " for " + name + "; give e.g. 0.1");
        }
    }

    /** The corpus {@code corpus} with {@code validation} held out. */
    public static SweepCorpus of(Corpus corpus, double validation) {
        return new SweepCorpus(corpus.name(), corpus.text(), validation);
    }

    /** The first {@code chars} characters only (all of it if shorter), for small sweeps. */
    public SweepCorpus first(int chars) {
        if (chars < 1) {
            throw new UnrollException("a sweep corpus needs at least 1 character, got a cut of " + chars);
        }
        return chars >= text.length() ? this : new SweepCorpus(name + " (first " + chars + " characters)",
                text.substring(0, chars), validation);
    }

    /** The tokens, vocabulary and split. */
    public TextData prepare() {
        return TextData.prepare(Corpus.of(name, text), Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, validation);
    }
}
