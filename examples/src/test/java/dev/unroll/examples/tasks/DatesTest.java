package dev.unroll.examples.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The dates example's pairs: seq2seq lines whose target is the source's date in ISO 8601, the same for a seed. */
class DatesTest {

    @Test
    void everyPairIsItsSourceDateInIso() {
        PropertyRunner.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE)).tries(50).seed(31).check(seed -> {
            List<String> lines = SequenceExamples.dates(seed, 40);
            assertEquals(lines, SequenceExamples.dates(seed, 40));
            LineFormat.parse("dates", String.join("\n", lines), TokenKind.CHARS, Task.SEQ2SEQ);
            for (String line : lines) {
                String[] pair = line.split("\t");
                LocalDate date = LocalDate.parse(pair[1]);
                assertEquals(date, read(pair[0]), line);
                assertTrue(date.getYear() >= 1950 && date.getYear() <= 2049, line);
            }
        });
    }

    /** Reads {@code march 5, 2021} or {@code 5 march 2021}, independently of how the generator writes them. */
    private static LocalDate read(String words) {
        String[] parts = words.replace(",", "").split(" ");
        boolean monthFirst = Character.isLetter(parts[0].charAt(0));
        Month month = Month.valueOf((monthFirst ? parts[0] : parts[1]).toUpperCase(Locale.ROOT));
        int day = Integer.parseInt(monthFirst ? parts[1] : parts[0]);
        return LocalDate.of(Integer.parseInt(parts[2]), month, day);
    }
}
