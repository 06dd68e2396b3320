package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.core.UnrollException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabTest {

    private static final List<String> STREAM = List.of("c", "b", "a", "b", "a", "d", "a", "e", "c");

    @Test
    void ordersByFrequencyThenFirstOccurrenceWithUnknownFirst() {
        // a:3, c:2, b:2 (c seen before b), d:1, e:1 (d seen before e)
        assertEquals(List.of("<unk>", "a", "c", "b", "d", "e"), Vocab.build(STREAM, 1).tokens());
    }

    @Test
    void rareTokensMapToUnknown() {
        Vocab vocab = Vocab.build(STREAM, 2);
        assertEquals(List.of("<unk>", "a", "c", "b"), vocab.tokens());
        assertArrayEquals(new int[] {2, 0, 1, 3, 0}, vocab.encode(List.of("c", "e", "a", "b", "zzz")));
        assertEquals(List.of("c", "<unk>"), vocab.decode(new int[] {2, 0}));
    }

    @Test
    void aLiteralUnknownTokenIsTheUnknownToken() {
        Vocab vocab = Vocab.build(List.of("<unk>", "<unk>", "x"), 1);
        assertEquals(List.of("<unk>", "x"), vocab.tokens());
    }

    @Test
    void encodeThenDecodeIsTheIdentityWhenEveryTokenIsKept() {
        PropertyRunner.forAll(Gens.lists(Gens.oneOf("a", "b", "c", "d", " ", "\u00E9"), 1, 50)).tries(200).seed(5)
                .check(stream -> {
                    Vocab vocab = Vocab.build(stream, 1);
                    assertEquals(stream, vocab.decode(vocab.encode(stream)));
                });
    }

    @Test
    void frequenciesNeverIncreaseAlongTheVocabulary() {
        PropertyRunner.forAll(Gens.lists(Gens.oneOf("a", "b", "c", "d", "e"), 1, 60)).tries(200).seed(6)
                .check(stream -> {
                    List<String> tokens = Vocab.build(stream, 1).tokens();
                    for (int i = 2; i < tokens.size(); i++) {
                        int before = Collections.frequency(stream, tokens.get(i - 1));
                        int after = Collections.frequency(stream, tokens.get(i));
                        boolean firstSeenEarlier = stream.indexOf(tokens.get(i - 1)) < stream.indexOf(tokens.get(i));
                        assertTrue(before > after || (before == after && firstSeenEarlier), tokens::toString);
                    }
                });
    }

    @Test
    void savedTokensRestoreAnEqualVocabulary() {
        Vocab vocab = Vocab.build(STREAM, 1);
        Vocab restored = Vocab.fromTokens(vocab.tokens());
        assertEquals(vocab, restored);
        assertArrayEquals(vocab.encode(STREAM), restored.encode(STREAM));
    }

    @Test
    void badSavedListsAreRejectedWithTheReason() {
        assertEquals("Vocab.fromTokens: a saved vocabulary starts with <unk>, but got 'a' first; pass the list"
                + " returned by Vocab.tokens()",
                assertThrows(UnrollException.class, () -> Vocab.fromTokens(List.of("a", "<unk>"))).getMessage());
        assertEquals("Vocab.fromTokens: tokens must be distinct, but 'a' appears at 1 and 2; pass the list returned"
                + " by Vocab.tokens()",
                assertThrows(UnrollException.class, () -> Vocab.fromTokens(List.of("<unk>", "a", "a"))).getMessage());
        assertTrue(assertThrows(UnrollException.class, () -> Vocab.fromTokens(List.of())).getMessage()
                .contains("an empty list"));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertEquals("Vocab.build: the minimum frequency must be >= 1 (1 keeps every token), got 0; pass 1 or more",
                assertThrows(UnrollException.class, () -> Vocab.build(STREAM, 0)).getMessage());
        Vocab vocab = Vocab.build(STREAM, 1);
        assertEquals("Vocab.token: index 6 is outside the vocabulary [0, 6); use an index produced by this"
                + " vocabulary", assertThrows(UnrollException.class, () -> vocab.token(6)).getMessage());
    }

    @Test
    void timeMachineLectureCharactersGiveTwentyEightTokens() {
        Corpus corpus = BuiltinCorpus.timeMachine();
        List<String> stream = Tokenization.CHARACTERS.split(Preprocessing.LECTURE.apply(corpus.text()));
        Vocab vocab = Vocab.build(stream, 1);
        assertEquals(28, vocab.size());
        assertEquals(List.of("<unk>", " ", "e", "t", "a", "i", "n", "o", "s", "h", "r"), vocab.tokens().subList(0, 11));
    }
}
