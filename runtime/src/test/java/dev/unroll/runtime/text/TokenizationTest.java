package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizationTest {

    @Test
    void charactersAreCodePoints() {
        assertEquals(List.of("a", "\uD83D\uDE00", " ", "b"), Tokenization.CHARACTERS.split("a\uD83D\uDE00 b"));
    }

    @Test
    void wordsSplitOnAnyWhitespaceRun() {
        assertEquals(List.of("the", "time,", "machine"), Tokenization.WORDS.split("  the\ttime,\n\n machine "));
        assertEquals(List.of(), Tokenization.WORDS.split(" \n "));
    }

    @Test
    void joiningCharactersRestoresTheText() {
        PropertyRunner.forAll(PreprocessingTest.texts()).tries(200).seed(3).check(text ->
                assertEquals(text, Tokenization.CHARACTERS.join(Tokenization.CHARACTERS.split(text))));
    }

    @Test
    void splittingJoinedWordsRestoresTheWords() {
        PropertyRunner.forAll(Gens.lists(Gens.oneOf("a", "time", "x,", "<unk>", "\u00E9t\u00E9"), 0, 12)).tries(200)
                .seed(4).check(words -> assertEquals(words, Tokenization.WORDS.split(Tokenization.WORDS.join(words))));
    }
}
