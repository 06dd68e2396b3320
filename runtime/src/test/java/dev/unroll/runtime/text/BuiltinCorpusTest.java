package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.UnrollException;
import org.junit.jupiter.api.Test;

class BuiltinCorpusTest {

    @Test
    void theDefaultJournalIsBetweenOneAndTwoHundredThousandCharacters() {
        String text = BuiltinCorpus.generate().text();
        assertTrue(text.length() >= 100_000 && text.length() <= 200_000, "length " + text.length());
        assertTrue(text.startsWith("The first day of the journey\n\n"), text.substring(0, 40));
        assertTrue(text.contains("the time traveller "));
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedAnother() {
        assertEquals(BuiltinCorpus.generate(5, 20_000).text(), BuiltinCorpus.generate(5, 20_000).text());
        assertNotEquals(BuiltinCorpus.generate(5, 20_000).text(), BuiltinCorpus.generate(6, 20_000).text());
    }

    @Test
    void theLengthIsReachedByCompletingTheLastParagraph() {
        String text = BuiltinCorpus.generate(1, 5_000).text();
        assertTrue(text.length() >= 5_000 && text.length() < 6_000, "length " + text.length());
        assertTrue(text.endsWith(".\n\n"));
    }

    @Test
    void lecturePreprocessingCoversEveryLetter() {
        Corpus corpus = BuiltinCorpus.generate();
        TextData data = TextData.prepare(corpus, Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
        assertEquals(28, data.vocab().size(), data.vocab().tokens().toString());
        assertTrue(data.trainBatches(32, 35, Sampling.RANDOM, 0).epoch(0).size() >= 100);
    }

    @Test
    void wordsRepeatEnoughForAWordLevelVocabulary() {
        TextData data = TextData.prepare(BuiltinCorpus.generate(), Preprocessing.LECTURE, Tokenization.WORDS, 5, 0.1);
        assertTrue(data.vocab().size() > 150 && data.vocab().size() < 400, "words: " + data.vocab().size());
    }

    @Test
    void anOutOfRangeLengthIsRejected() {
        assertEquals("BuiltinCorpus: the length must be in [1, 100000000] characters, got 0; pass e.g. 150000",
                assertThrows(UnrollException.class, () -> BuiltinCorpus.generate(1, 0)).getMessage());
    }
}
