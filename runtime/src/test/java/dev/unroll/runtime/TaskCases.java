package dev.unroll.runtime;

import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One case per kind of task the trainer learns, each writing random examples of given lengths in the line format
 * a user gives ({@code docs/TASKS.md}) and building its model as the trainer does: the {@link DataSpec}'s encoding,
 * head and loss after the layers. A new task is one more entry in {@link #ALL}; seq2seq, whose model reads a source
 * through an encoder, has its own ({@code Seq2SeqTrainingTest}, {@code EncoderDecoderAgreementTest}).
 */
public final class TaskCases {

    /** Writes the line of one example whose sequence the model reads in {@code length} steps. */
    @FunctionalInterface
    public interface LineWriter {
        String line(SplittableRandom rng, int length);
    }

    /**
     * A task as a user gives it.
     *
     * @param name how failures name the case
     * @param task the task
     * @param kind how the sequences split into tokens
     * @param writer the lines of its examples
     */
    public record TaskCase(String name, Task task, TokenKind kind, LineWriter writer) {

        /** Parsed examples, one per length, from {@code seed}. */
        public List<RawExample> examples(int[] lengths, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder();
            for (int length : lengths) {
                text.append(writer.line(rng, length)).append('\n');
            }
            return LineFormat.parse(name, text.toString(), kind, task);
        }

        /** The spec the trainer learns from {@code examples}. */
        public DataSpec spec(List<RawExample> examples) {
            return DataSpec.learn(examples, task, kind);
        }

        /** The model the trainer builds for {@code spec}: {@code layers} of {@code layer}, masked if asked. */
        public Model model(DataSpec spec, int layers, Layer layer, boolean masked) {
            Model.Builder b = Model.of(spec.encoding()).layers(layers, layer).head(spec.head()).loss(spec.loss());
            return (masked ? b.masked() : b).build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Every task but seq2seq: classify, label, regress on the last step and on every step, and a language model. */
    public static final List<TaskCase> ALL = List.of(
            new TaskCase("classify", Task.CLASSIFY, TokenKind.CHARS,
                    (rng, n) -> tokens(rng, n, "", "a", "b", "c") + "\t" + pick(rng, "x", "y", "z")),
            new TaskCase("label", Task.LABEL, TokenKind.WORDS,
                    (rng, n) -> tokens(rng, n, " ", "the", "cat", "sat", "on") + "\t"
                            + tokens(rng, n, " ", "D", "N", "V")),
            new TaskCase("regress", Task.REGRESS, TokenKind.NUMBERS,
                    (rng, n) -> numbers(rng, n, ",", 2, ";") + "\t" + numbers(rng, 1, "", 2, ",")),
            new TaskCase("regress per token", Task.REGRESS, TokenKind.NUMBERS,
                    (rng, n) -> numbers(rng, n, ",", 1, "") + "\t" + numbers(rng, n, " ", 1, "")),
            // A language model reads n + 1 tokens as n steps: each step predicts the token after it.
            new TaskCase("lm", Task.LM, TokenKind.CHARS, (rng, n) -> tokens(rng, n + 1, "", "a", "b", "c", "d")));

    private TaskCases() {
    }

    private static String pick(SplittableRandom rng, String... choices) {
        return choices[rng.nextInt(choices.length)];
    }

    private static String tokens(SplittableRandom rng, int n, String separator, String... choices) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pick(rng, choices));
        }
        return String.join(separator, out);
    }

    /** {@code n} groups of {@code width} numbers in [-2, 2], groups and numbers joined by the separators. */
    private static String numbers(SplittableRandom rng, int n, String between, int width, String within) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> group = new ArrayList<>();
            for (int f = 0; f < width; f++) {
                group.add(String.format(Locale.ROOT, "%.3f", rng.nextDouble(-2, 2)));
            }
            groups.add(String.join(within, group));
        }
        return String.join(between, groups);
    }
}
