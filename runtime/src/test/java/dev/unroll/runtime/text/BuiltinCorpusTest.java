package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;

class BuiltinCorpusTest {

    @Test
    void theDefaultJournalIsBetweenOneAndTwoHundredThousandCharacters() {
        String text = BuiltinCorpus.journal().text();
        assertTrue(text.length() >= 100_000 && text.length() <= 200_000, "length " + text.length());
        assertTrue(text.startsWith("The first day of the journey\n\n"), text.substring(0, 40));
        assertTrue(text.contains("the time traveller "));
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedAnother() {
        assertEquals(BuiltinCorpus.journal(5, 20_000).text(), BuiltinCorpus.journal(5, 20_000).text());
        assertNotEquals(BuiltinCorpus.journal(5, 20_000).text(), BuiltinCorpus.journal(6, 20_000).text());
    }

    @Test
    void theLengthIsReachedByCompletingTheLastParagraph() {
        String text = BuiltinCorpus.journal(1, 5_000).text();
        assertTrue(text.length() >= 5_000 && text.length() < 6_000, "length " + text.length());
        assertTrue(text.endsWith(".\n\n"));
    }

    @Test
    void lecturePreprocessingCoversEveryLetter() {
        Corpus corpus = BuiltinCorpus.journal();
        TextData data = TextData.prepare(corpus, Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
        assertEquals(28, data.vocab().size(), data.vocab().tokens().toString());
        assertTrue(data.trainBatches(32, 35, Sampling.RANDOM, 0).epoch(0).size() >= 100);
    }

    @Test
    void wordsRepeatEnoughForAWordLevelVocabulary() {
        TextData data = TextData.prepare(BuiltinCorpus.journal(), Preprocessing.LECTURE, Tokenization.WORDS, 5, 0.1);
        assertTrue(data.vocab().size() > 150 && data.vocab().size() < 400, "words: " + data.vocab().size());
    }

    @Test
    void anOutOfRangeLengthIsRejected() {
        assertEquals("BuiltinCorpus: the length must be in [1, 100000000] characters, got 0; pass e.g. 150000",
                assertThrows(UnrollException.class, () -> BuiltinCorpus.journal(1, 0)).getMessage());
    }

    @Test
    void theTimeMachineIsTheWholeNovelAndChecksItsDigest() {
        Corpus corpus = BuiltinCorpus.timeMachine();
        assertEquals("The Time Machine (built in)", corpus.name());
        assertTrue(corpus.text().length() > 170_000 && corpus.text().length() < 180_000, "" + corpus.text().length());
        assertTrue(corpus.text().contains("The Time Traveller (for so it will be convenient to speak of him)"));
    }

    @Test
    void builtInCorporaAreChosenByNameAndAnUnknownNameListsTheChoices() {
        assertEquals(BuiltinCorpus.timeMachine().text(), BuiltinCorpus.named("TimeMachine").text());
        assertEquals(BuiltinCorpus.journal().text(), BuiltinCorpus.named("journal").text());
        assertEquals("unknown built-in corpus 'novel'; choose one of [timemachine, journal], or give your own file"
                + " with --text FILE", assertThrows(UnrollException.class, () -> BuiltinCorpus.named("novel"))
                .getMessage());
    }

    @Test
    void aDamagedCopyOfTheNovelIsRefused() {
        byte[] bytes = BuiltinCorpus.timeMachine().text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String message = assertThrows(UnrollException.class, () -> BuiltinCorpus.timeMachine(bytes)).getMessage();
        assertTrue(message.startsWith("the built-in copy of The Time Machine is damaged: its SHA-256 is "), message);
    }
}
