package dev.unroll.runtime.text;

import dev.unroll.dsl.UnrollException;

/**
 * Text the project writes itself, so training needs no download: a seeded time traveller's journal of
 * English-like sentences from a small hand-written grammar, in paragraphs under day headings. The same seed and
 * length always give the same text; after {@link Preprocessing#LECTURE} every letter {@code a-z} occurs.
 */
public final class BuiltinCorpus {

    /** The default seed. */
    public static final long DEFAULT_SEED = 35L;
    /** The default length in characters (the text stops at the first paragraph end at or past it). */
    public static final int DEFAULT_CHARS = 150_000;
    /** The largest length accepted. */
    public static final int MAX_CHARS = 100_000_000;

    private static final int PARAGRAPHS_PER_DAY = 8;

    private BuiltinCorpus() {
    }

    /** The default journal: {@link #DEFAULT_SEED}, {@link #DEFAULT_CHARS}. */
    public static Corpus generate() {
        return generate(DEFAULT_SEED, DEFAULT_CHARS);
    }

    /**
     * A journal of at least {@code chars} characters (the last paragraph is completed, adding at most a few hundred
     * characters), deterministic for {@code seed}.
     */
    public static Corpus generate(long seed, int chars) {
        if (chars < 1 || chars > MAX_CHARS) {
            throw new UnrollException("BuiltinCorpus: the length must be in [1, " + MAX_CHARS + "] characters, got "
                    + chars + "; pass e.g. " + DEFAULT_CHARS);
        }
        JournalGrammar grammar = new JournalGrammar(seed);
        StringBuilder text = new StringBuilder(chars + 1_000);
        for (int paragraph = 0; text.length() < chars; paragraph++) {
            if (paragraph % PARAGRAPHS_PER_DAY == 0) {
                text.append(grammar.heading(paragraph / PARAGRAPHS_PER_DAY)).append("\n\n");
            }
            text.append(grammar.paragraph()).append("\n\n");
        }
        return Corpus.of("builtin journal (seed " + seed + ", " + chars + " characters)", text.toString());
    }
}
