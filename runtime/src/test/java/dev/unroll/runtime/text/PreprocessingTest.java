package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    /** Strings over a mix of ASCII letters, digits, punctuation, whitespace and non-ASCII letters. */
    static Gen<String> texts() {
        Gen<Character> chars = Gens.elements(List.of('a', 'Z', 'q', 'M', ' ', '\n', '\t', '1', '-', ',', '\u00E9',
                '\u00DF', '\u03A9', '\'', 'x'));
        return Gens.lists(chars, 0, 40).map(cs -> {
            StringBuilder sb = new StringBuilder();
            cs.forEach(sb::append);
            return sb.toString();
        });
    }

    @Test
    void lectureKeepsLowerCaseLettersAndOneSpaceForEachOtherRun() {
        assertEquals("the time machine by h g wells ",
                Preprocessing.LECTURE.apply("The Time-Machine,\n\nby H. G. Wells (1895)."));
        assertEquals(" don t caf ", Preprocessing.LECTURE.apply("\"Don't caf\u00E9!\""));
        assertEquals("time traveller ", Preprocessing.LECTURE.apply("time traveller "));
    }

    @Test
    void lectureAgreesWithTheD2lRegularExpression() {
        PropertyRunner.forAll(texts()).tries(300).seed(11).check(text -> assertEquals(
                text.replaceAll("[^A-Za-z]+", " ").toLowerCase(Locale.ROOT), Preprocessing.LECTURE.apply(text)));
    }

    @Test
    void lectureIsIdempotent() {
        PropertyRunner.forAll(texts()).tries(200).seed(12).check(text -> {
            String once = Preprocessing.LECTURE.apply(text);
            assertEquals(once, Preprocessing.LECTURE.apply(once));
        });
    }

    @Test
    void rawKeepsEveryCharacter() {
        assertEquals("A b,\n\u00E9", Preprocessing.RAW.apply("A b,\n\u00E9"));
    }
}
