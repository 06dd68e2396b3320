package dev.unroll.dsl.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Activation;
import dev.unroll.dsl.cells.Cells;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Defining the same cell twice gives equal graphs, equal cells, equal listings and equal drawings. */
class DeterminismTest {

    private static final List<Supplier<Cell>> DEFINITIONS = List.of(
            () -> Cells.rnn(3, 4), () -> Cells.rnn(3, 4, Activation.RELU), () -> Cells.lstm(3, 4),
            () -> Cells.gru(3, 4), SmallCells::mix);

    @Test
    void sameDefinitionGivesEqualGraphsAndTexts() {
        for (Supplier<Cell> define : DEFINITIONS) {
            Cell a = define.get();
            Cell b = define.get();
            assertEquals(a.graph(), b.graph(), a.name());
            assertEquals(a, b, a.name());
            assertEquals(Listing.of(a, true), Listing.of(b, true), a.name());
            assertEquals(Dot.of(a), Dot.of(b), a.name());
        }
    }

    @Test
    void differentSizesGiveDifferentGraphs() {
        assertNotEquals(Cells.lstm(3, 4).graph(), Cells.lstm(3, 5).graph());
        assertNotEquals(Cells.rnn(3, 4).graph(), Cells.rnn(3, 4, Activation.RELU).graph());
    }
}
