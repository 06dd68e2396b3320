package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.BuiltinCorpus;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.text.Vocab;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The text flags: the file (or a built-in corpus), preprocessing, tokens and minimum frequency. */
final class DataOptions {

    @Option(names = "--text", paramLabel = "FILE", description = "A UTF-8 text file (Project Gutenberg boilerplate is"
            + " stripped); without it, the built-in corpus named by --corpus.")
    Path text;

    @Option(names = "--corpus", defaultValue = "timemachine", paramLabel = "timemachine|journal",
            description = "The built-in corpus used without --text: H. G. Wells's The Time Machine, or a journal the"
                    + " project generates (default: ${DEFAULT-VALUE}).")
    String builtin;

    @Option(names = "--preprocessing", defaultValue = "lecture", paramLabel = "lecture|raw",
            description = "lecture: letters only, lower-cased, everything else a space; raw: characters as they are"
                    + " (default: ${DEFAULT-VALUE}).")
    String preprocessing;

    @Option(names = "--tokens", defaultValue = "chars", paramLabel = "chars|words|numbers",
            description = "Character or word tokens, or comma-separated numbers (not for --task lm; default:"
                    + " ${DEFAULT-VALUE}).")
    String tokens;

    @Option(names = "--min-freq", defaultValue = "1", description = "Tokens rarer than this become <unk>"
            + " (default: ${DEFAULT-VALUE}).")
    int minFrequency;

    /** Checks the flags that need no text. */
    void validate() {
        Flags.range("--min-freq", minFrequency, 1, Integer.MAX_VALUE);
        if (!BuiltinCorpus.NAMES.contains(builtin.toLowerCase(Locale.ROOT))) {
            throw new UnrollException("--corpus must be one of " + BuiltinCorpus.NAMES + ", got '" + builtin
                    + "'; or give your own file with --text FILE");
        }
        preprocessing();
        tokenKind();
    }

    /** How the sequences of a data file split into tokens. */
    TokenKind tokenKind() {
        return switch (tokens.toLowerCase(Locale.ROOT)) {
            case "chars" -> TokenKind.CHARS;
            case "words" -> TokenKind.WORDS;
            case "numbers" -> TokenKind.NUMBERS;
            default -> throw new UnrollException("--tokens must be chars, words or numbers, got '" + tokens + "'");
        };
    }

    Corpus corpus() {
        return text == null ? BuiltinCorpus.named(builtin) : Corpus.read(text);
    }

    TextData prepare(Corpus corpus, double validation) {
        return TextData.prepare(corpus, preprocessing(), tokenization(), minFrequency, validation);
    }

    TextData prepare(Corpus corpus, Vocab vocab, double validation) {
        return TextData.prepare(corpus, preprocessing(), tokenization(), vocab, validation);
    }

    Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("preprocessing", preprocessing);
        f.put("tokens", tokens);
        return f;
    }

    Preprocessing preprocessing() {
        return switch (preprocessing.toLowerCase(Locale.ROOT)) {
            case "lecture" -> Preprocessing.LECTURE;
            case "raw" -> Preprocessing.RAW;
            default -> throw new UnrollException("--preprocessing must be lecture or raw, got '" + preprocessing + "'");
        };
    }

    /** The tokens of a language model's text: characters or words. */
    Tokenization tokenization() {
        return switch (tokenKind()) {
            case CHARS -> Tokenization.CHARACTERS;
            case WORDS -> Tokenization.WORDS;
            case NUMBERS -> throw new UnrollException("--tokens numbers is for --task classify, label or regress; a"
                    + " language model reads characters or words");
        };
    }
}
