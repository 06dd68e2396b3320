package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.core.UnrollException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seq2seq pairs: parsing, the two vocabularies, teacher-forcing batches and every malformed line. */
class Seq2SeqDataTest {

    /** A word of 1 to 7 characters from a small alphabet, spaces included. */
    private static final Gen<String> TEXT = Gens.lists(Gens.oneOf("a", "b", "7", "-", " ", "ü"), 1, 7)
            .map(chars -> String.join("", chars));

    private static String file(List<List<String>> pairs) {
        StringBuilder out = new StringBuilder();
        for (List<String> p : pairs) {
            out.append(p.get(0)).append('\t').append(p.get(1)).append('\n');
        }
        return out.toString();
    }

    private static List<RawExample> parse(String text) {
        return LineFormat.parse("p.tsv", text, TokenKind.CHARS, Task.SEQ2SEQ);
    }

    @Test
    void anyPairFileRoundTripsThroughTheVocabularies() {
        PropertyRunner.forAll(Gens.lists(Gens.tuples(TEXT, TEXT), 1, 8)).tries(200).seed(21).check(pairs -> {
            List<List<String>> lines = pairs.stream().map(p -> List.of(p.first(), p.second())).toList();
            List<RawExample> parsed = parse(file(lines));
            DataSpec spec = DataSpec.learn(parsed, Task.SEQ2SEQ, TokenKind.CHARS);
            assertEquals(DataSpec.BEGIN, spec.labels().name(DataSpec.BEGIN_INDEX));
            assertEquals(DataSpec.END, spec.labels().name(DataSpec.END_INDEX));
            List<Sequence> encoded = spec.encode(parsed);
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(TokenKind.CHARS.split(lines.get(i).get(0)), parsed.get(i).tokens());
                assertEquals(lines.get(i).get(1), decode(spec, encoded.get(i).y()));
                assertEquals(lines.get(i).get(0).codePointCount(0, lines.get(i).get(0).length()),
                        encoded.get(i).length());
            }
        });
    }

    private static String decode(DataSpec spec, double[] ids) {
        StringBuilder out = new StringBuilder();
        for (double id : ids) {
            out.append(spec.labels().name((int) id));
        }
        return out.toString();
    }

    @Test
    void batchesHoldEveryPairOnceShiftedForTeacherForcing() {
        Gen<List<List<Integer>>> lengths = Gens.lists(Gens.lists(Gens.integers(1, 9), 2, 2), 1, 30);
        PropertyRunner.forAll(lengths, Gens.integers(1, 6)).tries(150).seed(22).check(args -> {
            List<Sequence> data = pairs(args.first());
            Buckets buckets = new Buckets(data, spec(), args.second());
            for (int epoch = 0; epoch < 2; epoch++) {
                int[] seen = new int[data.size()];
                for (SequenceBatch b : buckets.epoch(5, epoch)) {
                    assertTrue(b.batch() <= args.second());
                    for (int r = 0; r < b.batch(); r++) {
                        seen[b.rows()[r]]++;
                        checkRow(b, r, data.get(b.rows()[r]));
                    }
                }
                for (int count : seen) {
                    assertEquals(1, count);
                }
            }
        });
    }

    /** Row r of {@code b}: the source, {@code <bos> y}, {@code y <eos>}, then zeros up to the batch's steps. */
    private static void checkRow(SequenceBatch b, int r, Sequence pair) {
        int n = pair.y().length;
        assertEquals(pair.length(), b.sourceLengths()[r]);
        assertEquals(n + 1, b.lengths()[r]);
        assertTrue(b.steps() >= Math.max(pair.length(), n + 1));
        for (int t = 0; t < b.steps(); t++) {
            assertEquals(t < pair.length() ? pair.x()[t] : 0, b.source()[t][r]);
            double input = t == 0 ? DataSpec.BEGIN_INDEX : t <= n ? pair.y()[t - 1] : 0;
            double target = t < n ? pair.y()[t] : t == n ? DataSpec.END_INDEX : 0;
            assertEquals(input, b.x()[t][r], "decoder input at step " + t);
            assertEquals(target, b.y()[t][r], "target at step " + t);
        }
    }

    @Test
    void aBatchIsNoLongerThanItsLongestPairAndNeighboursAreSorted() {
        List<Sequence> data = pairs(List.of(List.of(1, 1), List.of(8, 2), List.of(2, 8), List.of(1, 2),
                List.of(9, 1), List.of(1, 1)));
        List<SequenceBatch> batches = new Buckets(data, spec(), 2).inOrder();
        // Steps per pair: max(source, target + 1) = 2, 8, 9, 3, 9, 2; sorted and cut in twos: (2, 2), (3, 8), (9, 9).
        assertEquals(List.of(2, 8, 9), batches.stream().map(SequenceBatch::steps).toList());
        assertEquals(9, new Buckets(data, spec(), 2).maxLength());
    }

    @Test
    void epochsAreSeededShufflesThatRepeat() {
        List<List<Integer>> lengths = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lengths.add(List.of(1 + i % 5, 1 + i % 3));
        }
        Buckets buckets = new Buckets(pairs(lengths), spec(), 4);
        assertEquals(rows(buckets.epoch(3, 1)), rows(buckets.epoch(3, 1)));
        assertNotEquals(rows(buckets.epoch(3, 1)), rows(buckets.epoch(3, 2)));
        assertNotEquals(rows(buckets.epoch(3, 1)), rows(buckets.epoch(4, 1)));
    }

    private static List<Integer> rows(List<SequenceBatch> batches) {
        List<Integer> out = new ArrayList<>();
        batches.forEach(b -> {
            for (int row : b.rows()) {
                out.add(row);
            }
        });
        return out;
    }

    /** Pairs of the given source and target lengths, their tokens telling pair and position apart. */
    private static List<Sequence> pairs(List<List<Integer>> lengths) {
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < lengths.size(); i++) {
            double[] source = new double[lengths.get(i).get(0)];
            double[] target = new double[lengths.get(i).get(1)];
            for (int t = 0; t < source.length; t++) {
                source[t] = 1 + (i + t) % 4;
            }
            for (int t = 0; t < target.length; t++) {
                target[t] = 2 + (i * 3 + t) % 3;
            }
            out.add(new Sequence("pair " + i, source.length, source, target));
        }
        return out;
    }

    private static DataSpec spec() {
        return DataSpec.learn(parse("ab\txyz\n"), Task.SEQ2SEQ, TokenKind.CHARS);
    }

    @Test
    void wordTargetsSplitOnSpacesLikeTheirSources() {
        List<RawExample> parsed = LineFormat.parse("w.tsv", "march 5 2021\t2021 03 05\n", TokenKind.WORDS,
                Task.SEQ2SEQ);
        assertEquals(List.of("march", "5", "2021"), parsed.get(0).tokens());
        assertEquals(List.of("2021", "03", "05"), parsed.get(0).targets());
        DataSpec spec = DataSpec.learn(parsed, Task.SEQ2SEQ, TokenKind.WORDS);
        assertEquals(List.of(DataSpec.BEGIN, DataSpec.END, "2021", "03", "05"), spec.labels().names());
        assertArrayEquals(new double[] {2, 3, 4}, spec.encode(parsed).get(0).y());
    }

    @Test
    void malformedPairsFailNamingTheLineAndTheRule() {
        assertEquals("p.tsv line 2: no tab; task seq2seq needs sequence<TAB>target on every line",
                error(() -> parse("ab\tc\nab\n")));
        assertEquals("p.tsv line 1: the sequence is empty; every example needs at least one token",
                error(() -> parse("\tc\n")));
        assertEquals("p.tsv line 1: the target after the tab is empty; task seq2seq needs the target sequence's"
                + " tokens", error(() -> parse("ab\t\n")));
        assertEquals("w.tsv line 1: target token 2 is empty (two spaces in a row, or one at an end); separate"
                + " tokens by exactly one", error(() -> LineFormat.parse("w.tsv", "a b\tc  d\n", TokenKind.WORDS,
                        Task.SEQ2SEQ)));
        assertEquals("task seq2seq reads its source and target as --tokens chars or words, got numbers; a decoder"
                + " emits tokens of a vocabulary, which numbers do not have", error(() -> LineFormat.parse("n.tsv",
                        "1,2\t3\n", TokenKind.NUMBERS, Task.SEQ2SEQ)));
        assertEquals("p.tsv line 1: the target holds '<eos>', which is reserved for the decoder's begin and end of"
                + " a sequence; write the text without it", error(() -> DataSpec.learn(LineFormat.parse("p.tsv",
                        "a b\tc <eos>\n", TokenKind.WORDS, Task.SEQ2SEQ), Task.SEQ2SEQ, TokenKind.WORDS)));
        assertEquals("d.npz: task seq2seq reads a line file of source<TAB>target, not .npz; write the pairs one per"
                + " line (docs/TASKS.md)", error(() -> Examples.read(Path.of("d.npz"), TokenKind.CHARS,
                        Task.SEQ2SEQ)));
    }

    @Test
    void unknownTokensFailWhereTheModelCannotReadOrEmitThem() {
        DataSpec spec = DataSpec.learn(parse("ab\txy\n"), Task.SEQ2SEQ, TokenKind.CHARS);
        assertEquals("v.tsv line 1: target token 'z' (target token 2) was not in the training targets; the decoder"
                + " cannot emit it, so remove the example or train with data that has it",
                error(() -> spec.encode(LineFormat.parse("v.tsv", "ab\txz\n", TokenKind.CHARS, Task.SEQ2SEQ))));
        assertEquals("n.tsv line 2: token 'c' (token 2) was not in the training data; the model has no input for"
                + " it, so remove it or retrain with data that has it", error(() -> spec.inputs(
                        LineFormat.parseInputs("n.tsv", "ab\nac\n", TokenKind.CHARS).get(1))));
        // A validation source token the training data lacked reads as <unk>, as for every task.
        assertEquals(0, spec.encode(LineFormat.parse("v.tsv", "zb\txy\n", TokenKind.CHARS, Task.SEQ2SEQ)).get(0)
                .x()[0]);
    }

    private static String error(Runnable r) {
        return assertThrows(UnrollException.class, r::run).getMessage();
    }
}
