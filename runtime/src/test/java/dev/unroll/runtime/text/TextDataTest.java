package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDataTest {

    private static final Corpus SMALL = Corpus.of("small", "Abc, abd! " + "the time traveller. ".repeat(20));

    @Test
    void theValidationSplitIsTheLastFractionOfTheStream() {
        TextData data = TextData.prepare(SMALL, Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
        int[] all = data.vocab().encode(Tokenization.CHARACTERS.split(Preprocessing.LECTURE.apply(SMALL.text())));
        int held = (int) Math.floor(all.length * 0.1);
        assertEquals(all.length - held, data.train().length);
        assertArrayEquals(Arrays.copyOfRange(all, 0, all.length - held), data.train());
        assertArrayEquals(Arrays.copyOfRange(all, all.length - held, all.length), data.validation());
        assertTrue(data.hasValidation());
    }

    @Test
    void withoutAValidationSplitAskingForItIsAnError() {
        TextData data = TextData.prepare(SMALL, Preprocessing.RAW, Tokenization.WORDS, 1, 0);
        assertFalse(data.hasValidation());
        assertTrue(assertThrows(UnrollException.class, () -> data.validationBatches(1, 1, Sampling.RANDOM, 0))
                .getMessage().contains("there is no validation split"));
        assertEquals("TextData: the validation fraction must be in [0, 1), got 1.0 for small; pass e.g. 0.1, or 0 for"
                + " no validation split", assertThrows(UnrollException.class, () -> TextData.prepare(SMALL,
                Preprocessing.RAW, Tokenization.WORDS, 1, 1.0)).getMessage());
    }

    @Test
    void aSplitTooSmallForOneMinibatchNamesTheSplit() {
        TextData data = TextData.prepare(SMALL, Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
        UnrollException e = assertThrows(UnrollException.class,
                () -> data.validationBatches(4, 10, Sampling.SEQUENTIAL, 0));
        assertTrue(e.getMessage().startsWith("Minibatches: the validation split (" + data.validation().length
                + " of "), e.getMessage());
    }

    @Test
    void promptsAreEncodedLikeTheCorpusAndDecodedBack() {
        TextData data = TextData.prepare(SMALL, Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
        int[] ids = data.encode("Time Traveller ");
        assertEquals("time traveller ", data.decode(ids));
        assertEquals(0, data.encode("z")[0], "a letter absent from the corpus is <unk>");
        TextData words = TextData.prepare(SMALL, Preprocessing.RAW, Tokenization.WORDS, 1, 0);
        assertEquals("the time <unk>", words.decode(words.encode("the time machine")));
    }

    @Test
    void aRestoredVocabularyEncodesTheSameIds() {
        TextData data = TextData.prepare(SMALL, Preprocessing.LECTURE, Tokenization.CHARACTERS, 1, 0.1);
        TextData again = TextData.prepare(SMALL, Preprocessing.LECTURE, Tokenization.CHARACTERS,
                Vocab.fromTokens(List.copyOf(data.vocab().tokens())), 0.1);
        assertArrayEquals(data.train(), again.train());
    }

    @Test
    void timeMachineAtTheAcceptanceSettingsHasEnoughMinibatches() {
        TextData data = TextData.prepare(BuiltinCorpus.timeMachine(), Preprocessing.LECTURE,
                Tokenization.CHARACTERS, 1, TextData.DEFAULT_VALIDATION_FRACTION);
        assertEquals(28, data.vocab().size());
        List<Batch> epoch = data.trainBatches(32, 35, Sampling.RANDOM, 42).epoch(0);
        assertTrue(epoch.size() >= 139 && epoch.size() <= 140, "batches: " + epoch.size());
        assertTrue(data.validationBatches(32, 35, Sampling.SEQUENTIAL, 42).epoch(0).size() >= 14);
    }
}
