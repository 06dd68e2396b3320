package dev.unroll.runtime.text;

import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The corpora that ship with the project, so training needs no download.
 *
 * <ul>
 *   <li>{@link #timeMachine()}: <i>The Time Machine</i> by H. G. Wells (1895), the corpus of the classic
 *       character-level language-model exercise. It is in the public domain; the resource holds the novel's text from
 *       Project Gutenberg eBook #35 (the file whose SHA-256 is {@value #TIME_MACHINE_SOURCE_SHA256}) with the
 *       Gutenberg header and licence removed, exactly as {@link Corpus#read} would strip them.</li>
 *   <li>{@link #journal()}: a seeded time traveller's journal of English-like sentences from a small hand-written
 *       grammar, in paragraphs under day headings. The same seed and length always give the same text; after
 *       {@link Preprocessing#LECTURE} every letter {@code a-z} occurs.</li>
 * </ul>
 */
public final class BuiltinCorpus {

    /** The names {@link #named} accepts, the default first. */
    public static final List<String> NAMES = List.of("timemachine", "journal");
    /** SHA-256 of the shipped novel text (UTF-8, {@code \n} line endings). */
    public static final String TIME_MACHINE_SHA256 =
            "124084573ad7c355a60f71ed1a9e306746f46c454bd0c448df605095454265d8";
    /** SHA-256 of the Project Gutenberg file the shipped text was cut from. */
    public static final String TIME_MACHINE_SOURCE_SHA256 =
            "0359cedc583179f3e417605eb36efc1dc97b042a76ea67fac1e8c11109b0e2c9";
    /** The journal's default seed. */
    public static final long DEFAULT_SEED = 35L;
    /** The journal's default length in characters (the text stops at the first paragraph end at or past it). */
    public static final int DEFAULT_CHARS = 150_000;
    /** The largest journal length accepted. */
    public static final int MAX_CHARS = 100_000_000;

    private static final String TIME_MACHINE_RESOURCE = "timemachine.txt";
    private static final int PARAGRAPHS_PER_DAY = 8;

    private BuiltinCorpus() {
    }

    /** The built-in corpus called {@code name}, one of {@link #NAMES} (case does not matter). */
    public static Corpus named(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "timemachine" -> timeMachine();
            case "journal" -> journal();
            default -> throw new UnrollException("unknown built-in corpus '" + name + "'; choose one of " + NAMES
                    + ", or give your own file with --text FILE");
        };
    }

    /**
     * <i>The Time Machine</i>, read from the class path and checked against {@link #TIME_MACHINE_SHA256}, so a
     * damaged or replaced jar is reported instead of silently training on other text.
     */
    public static Corpus timeMachine() {
        return timeMachine(resource(TIME_MACHINE_RESOURCE));
    }

    /** The novel in {@code bytes}, refused unless they are the shipped text. */
    static Corpus timeMachine(byte[] bytes) {
        String digest = sha256(bytes);
        if (!digest.equals(TIME_MACHINE_SHA256)) {
            throw new UnrollException("the built-in copy of The Time Machine is damaged: its SHA-256 is " + digest
                    + ", expected " + TIME_MACHINE_SHA256 + "; rebuild the project (mvn -B package) or give the"
                    + " text with --text FILE");
        }
        return Corpus.of("The Time Machine (built in)", new String(bytes, StandardCharsets.UTF_8).strip());
    }

    /** The default journal: {@link #DEFAULT_SEED}, {@link #DEFAULT_CHARS}. */
    public static Corpus journal() {
        return journal(DEFAULT_SEED, DEFAULT_CHARS);
    }

    /**
     * A journal of at least {@code chars} characters (the last paragraph is completed, adding at most a few hundred
     * characters), deterministic for {@code seed}.
     */
    public static Corpus journal(long seed, int chars) {
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

    private static byte[] resource(String name) {
        try (InputStream in = BuiltinCorpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new UnrollException("the built-in corpus resource " + name + " is missing from the class path"
                        + " (expected beside " + BuiltinCorpus.class.getName() + "); rebuild the project, or give"
                        + " the text with --text FILE");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UnrollException("cannot read the built-in corpus resource " + name + ": " + e, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
