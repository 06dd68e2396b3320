package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFormatTest {

    /** One well-formed labelling example: words and as many labels. */
    private static final Gen<List<List<String>>> WORDS_AND_LABELS = Gens.lists(Gens.tuples(
            Gens.oneOf("the", "cat", "sat", "ü", "x1"), Gens.oneOf("DET", "N", "V")), 1, 6)
            .map(pairs -> List.of(pairs.stream().map(p -> p.first()).toList(),
                    pairs.stream().map(p -> p.second()).toList()));

    @Test
    void anyWellFormedLabellingFileRoundTrips() {
        PropertyRunner.forAll(Gens.lists(WORDS_AND_LABELS, 1, 8)).tries(200).seed(14).check(examples -> {
            StringBuilder file = new StringBuilder();
            for (List<List<String>> e : examples) {
                file.append(String.join(" ", e.get(0))).append('\t').append(String.join(" ", e.get(1))).append('\n');
            }
            List<RawExample> parsed = LineFormat.parse("f.tsv", file.toString(), TokenKind.WORDS, Task.LABEL);
            assertEquals(examples.size(), parsed.size());
            for (int i = 0; i < parsed.size(); i++) {
                assertEquals(examples.get(i).get(0), parsed.get(i).tokens());
                assertEquals(examples.get(i).get(1), parsed.get(i).targets());
                assertEquals(i + 1, parsed.get(i).line());
            }
        });
    }

    @Test
    void anyWellFormedRegressionFileRoundTrips() {
        Gen<List<Double>> numbers = Gens.lists(Gens.doubles(-1e6, 1e6), 1, 5);
        PropertyRunner.forAll(Gens.lists(Gens.tuples(numbers, Gens.doubles(-10, 10)), 1, 6)).tries(200).seed(15)
                .check(examples -> {
                    StringBuilder file = new StringBuilder();
                    for (var e : examples) {
                        file.append(join(e.first())).append('\t').append(e.second()).append("\r\n");
                    }
                    List<RawExample> parsed = LineFormat.parse("r", file.toString(), TokenKind.NUMBERS,
                            Task.REGRESS);
                    DataSpec spec = DataSpec.learn(parsed, Task.REGRESS, TokenKind.NUMBERS);
                    List<Sequence> sequences = spec.encode(parsed);
                    for (int i = 0; i < examples.size(); i++) {
                        double[] x = sequences.get(i).x();
                        for (int t = 0; t < x.length; t++) {
                            assertEquals(examples.get(i).first().get(t), x[t]);
                        }
                        assertEquals(examples.get(i).second(), sequences.get(i).y()[0]);
                    }
                });
    }

    private static String join(List<Double> values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(Double.toString(v));
        }
        return String.join(",", out);
    }

    @Test
    void charactersIncludeSpacesAndEmptyLinesAreSkipped() {
        List<RawExample> parsed = LineFormat.parse("c", "a b\tpos\n\nba\tneg\n", TokenKind.CHARS, Task.CLASSIFY);
        assertEquals(List.of("a", " ", "b"), parsed.get(0).tokens());
        assertEquals(3, parsed.get(1).line());
    }

    @Test
    void malformedLinesFailWithTheFileTheLineAndWhatToDo() {
        assertError("d.tsv line 2: no tab; task classify needs sequence<TAB>target on every line",
                "ab\tx\nab", TokenKind.CHARS, Task.CLASSIFY);
        assertError("d.tsv line 1: the sequence is empty; every example needs at least one token",
                "\tx", TokenKind.CHARS, Task.CLASSIFY);
        assertError("d.tsv line 1: more than one tab; write exactly one, between the sequence and the target",
                "a\tb\tc", TokenKind.CHARS, Task.CLASSIFY);
        assertError("d.tsv line 1: task label needs one label per token, but the sequence has 2 tokens and the"
                + " target 3 labels; give exactly 2", "a b\tX Y Z", TokenKind.WORDS, Task.LABEL);
        assertError("d.tsv line 1: target number 1 of group 1 is 'high', not a number; write a decimal number"
                + " such as 0.5 or -3", "1,2\thigh", TokenKind.NUMBERS, Task.REGRESS);
        assertError("d.tsv line 1: task classify takes one label per sequence, but the target has 2"
                + " space-separated labels; use --task label for one label per token", "ab\tX Y", TokenKind.CHARS,
                Task.CLASSIFY);
        assertError("d.tsv line 1: task lm takes no target, but the line has a tab; remove the tab and what"
                + " follows it, or choose the task the target is for", "ab\tX", TokenKind.CHARS, Task.LM);
        assertError("d.tsv line 1: token 2 is empty (two spaces in a row, or one at an end); separate tokens by"
                + " exactly one", "a  b\tX", TokenKind.WORDS, Task.CLASSIFY);
        assertError("d.tsv line 2: one target group for the whole sequence, but d.tsv line 1 gives one per token;"
                + " a file is either one or the other", "1,2\t3 4\n1,2\t5", TokenKind.NUMBERS, Task.REGRESS);
    }

    @Test
    void unknownLabelsAndTokensAreNamed() {
        DataSpec spec = DataSpec.learn(LineFormat.parse("t", "ab\tpos", TokenKind.CHARS, Task.CLASSIFY),
                Task.CLASSIFY, TokenKind.CHARS);
        UnrollException label = assertThrows(UnrollException.class,
                () -> spec.encode(LineFormat.parse("v", "ab\tneg", TokenKind.CHARS, Task.CLASSIFY)));
        assertEquals("v line 1: label 'neg' was not in the training data, whose labels are [pos]; use one of them,"
                + " or retrain with data that has it", label.getMessage());
        UnrollException token = assertThrows(UnrollException.class,
                () -> spec.inputs(LineFormat.parse("p", "az\tpos", TokenKind.CHARS, Task.CLASSIFY).get(0)));
        assertEquals("p line 1: token 'z' (token 2) was not in the training data; the model has no input for it,"
                + " so remove it or retrain with data that has it", token.getMessage());
    }

    private static void assertError(String message, String text, TokenKind kind, Task task) {
        UnrollException e = assertThrows(UnrollException.class, () -> LineFormat.parse("d.tsv", text, kind, task));
        assertEquals(message, e.getMessage());
    }
}
