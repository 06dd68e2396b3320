package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line format of sequence data (docs/TASKS.md): one example per line, {@code sequence<TAB>target}, UTF-8.
 * Empty lines are skipped. The target is one class label (classify), one label per token separated by single
 * spaces (label), comma-separated numbers for the sequence or space-separated groups of them, one per token
 * (regress), a target sequence of tokens split like the source (seq2seq), or absent (lm). Every malformed line
 * fails with the file, the line, the rule and what to do.
 */
public final class LineFormat {

    private LineFormat() {
    }

    /** Reads and parses {@code file}. */
    public static List<RawExample> read(Path file, TokenKind tokens, Task task) {
        return parse(file.toString(), text(file), tokens, task);
    }

    /**
     * Reads the sequences of {@code file} for prediction: the part of each line before a tab, if it has one (a
     * target after it is ignored, so a labelled file can be predicted as it is).
     */
    public static List<RawExample> readInputs(Path file, TokenKind tokens) {
        return parseInputs(file.toString(), text(file), tokens);
    }

    /** Parses the sequences of {@code text} as {@link #readInputs} does. */
    public static List<RawExample> parseInputs(String source, String text, TokenKind tokens) {
        Require.notNull(source, "LineFormat.parseInputs", "source");
        Require.notNull(text, "LineFormat.parseInputs", "text");
        Require.notNull(tokens, "LineFormat.parseInputs", "tokens");
        return lines(source, text, tokens, null);
    }

    private static String text(Path file) {
        Require.notNull(file, "LineFormat.read", "file");
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UnrollException(file + " is not valid UTF-8; save the data file as UTF-8");
        } catch (IOException e) {
            throw new UnrollException("cannot read data file " + file + ": " + e.getMessage());
        }
    }

    /** Parses {@code text}, naming {@code source} in messages. */
    public static List<RawExample> parse(String source, String text, TokenKind tokens, Task task) {
        Require.notNull(source, "LineFormat.parse", "source");
        Require.notNull(text, "LineFormat.parse", "text");
        Require.notNull(tokens, "LineFormat.parse", "tokens");
        Require.notNull(task, "LineFormat.parse", "task");
        if (task == Task.SEQ2SEQ && !tokens.categorical()) {
            throw new UnrollException("task seq2seq reads its source and target as --tokens chars or words, got "
                    + tokens.flag() + "; a decoder emits tokens of a vocabulary, which numbers do not have");
        }
        List<RawExample> out = lines(source, text, tokens, task);
        RegressTargets.requireConsistent(out, task);
        return out;
    }

    /** The examples of {@code text}; a {@code null} task reads sequences alone (no tab on any line). */
    private static List<RawExample> lines(String source, String text, TokenKind tokens, Task task) {
        List<RawExample> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (!line.isEmpty()) {
                out.add(parseLine(source, i + 1, line, tokens, task));
            }
        }
        if (out.isEmpty()) {
            throw new UnrollException(source + " holds no examples; write one example per line,"
                    + " sequence<TAB>target (docs/TASKS.md)");
        }
        return List.copyOf(out);
    }

    private static RawExample parseLine(String source, int number, String line, TokenKind kind, Task task) {
        String where = source + " line " + number;
        int tab = line.indexOf('\t');
        if (task == null) {
            return new RawExample(where, number, sequence(where, line, tab, kind, null), List.of());
        }
        if (task == Task.LM && tab >= 0) {
            throw new UnrollException(where + ": task lm takes no target, but the line has a tab; remove the tab"
                    + " and what follows it, or choose the task the target is for");
        }
        if (task != Task.LM && tab < 0) {
            throw new UnrollException(where + ": no tab; task " + task.flag() + " needs sequence<TAB>target on"
                    + " every line");
        }
        if (tab >= 0 && line.indexOf('\t', tab + 1) >= 0) {
            throw new UnrollException(where + ": more than one tab; write exactly one, between the sequence and"
                    + " the target");
        }
        List<String> tokens = sequence(where, line, tab, kind, task);
        List<String> targets = tab < 0 ? List.of()
                : targets(where, line.substring(tab + 1), tokens.size(), task, kind);
        return new RawExample(where, number, tokens, targets);
    }

    /** The tokens before the tab (or of the whole line), checked. */
    private static List<String> sequence(String where, String line, int tab, TokenKind kind, Task task) {
        List<String> tokens = kind.split(tab < 0 ? line : line.substring(0, tab));
        if (tokens.isEmpty()) {
            throw new UnrollException(where + ": the sequence is empty; every example needs at least one token");
        }
        if (task == Task.LM && tokens.size() < 2) {
            throw new UnrollException(where + ": a language-model sequence needs at least 2 tokens (an input and"
                    + " the next token), got 1");
        }
        checkTokens(where, "token", tokens, kind);
        return tokens;
    }

    private static void checkTokens(String where, String what, List<String> tokens, TokenKind kind) {
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.isEmpty()) {
                throw new UnrollException(where + ": " + what + " " + (i + 1) + " is empty (two "
                        + (kind == TokenKind.WORDS ? "spaces" : "commas") + " in a row, or one at an end); separate tokens by exactly one");
            }
            if (kind == TokenKind.NUMBERS) {
                for (String feature : token.split(TokenKind.FEATURE_SEPARATOR, -1)) {
                    RegressTargets.number(where, "token " + (i + 1), feature);
                }
            }
        }
    }

    private static List<String> targets(String where, String target, int length, Task task, TokenKind kind) {
        if (target.isEmpty()) {
            throw new UnrollException(where + ": the target after the tab is empty; task " + task.flag()
                    + " needs " + expected(task));
        }
        if (task == Task.SEQ2SEQ) {
            // The target is a sequence of its own, split like the source, not a field per token.
            List<String> tokens = kind.split(target);
            checkTokens(where, "target token", tokens, kind);
            return tokens;
        }
        List<String> fields = List.of(target.split(" ", -1));
        for (String f : fields) {
            if (f.isEmpty()) {
                throw new UnrollException(where + ": the target '" + target + "' has an empty field (two spaces in"
                        + " a row, or one at an end); separate fields by exactly one space");
            }
        }
        switch (task) {
            case CLASSIFY -> {
                if (fields.size() != 1) {
                    throw new UnrollException(where + ": task classify takes one label per sequence, but the target"
                            + " has " + fields.size() + " space-separated labels; use --task label for one label per"
                            + " token");
                }
            }
            case LABEL -> {
                if (fields.size() != length) {
                    throw new UnrollException(where + ": task label needs one label per token, but the sequence has "
                            + length + " tokens and the target " + fields.size() + " labels; give exactly "
                            + length);
                }
            }
            case REGRESS -> RegressTargets.check(where, fields, length);
            case LM, SEQ2SEQ -> throw new IllegalStateException(task.flag() + " targets are not fields");
        }
        return fields;
    }

    private static String expected(Task task) {
        return switch (task) {
            case CLASSIFY -> "one class label";
            case LABEL -> "one label per token, separated by spaces";
            case REGRESS -> "comma-separated numbers, or one group of them per token separated by spaces";
            case LM -> "no target";
            case SEQ2SEQ -> "the target sequence's tokens";
        };
    }
}
