package dev.unroll.spark.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A grid multiplies out to every combination once, a random search draws from it reproducibly, bad grids are named. */
class SweepGridTest {

    /** A grid of one to three values for each of up to four options. */
    static Gen<List<String>> grids() {
        List<String> hidden = List.of("4", "8", "16");
        List<String> lr = List.of("0.5", "1", "2");
        List<String> cell = List.of("rnn", "gru", "lstm");
        List<String> seed = List.of("1", "2", "3");
        return c -> {
            List<String> entries = new ArrayList<>();
            for (var option : Map.of("hidden", hidden, "lr", lr, "cell", cell, "seed", seed).entrySet()) {
                int n = Gens.integers(0, 3).generate(c);
                if (n > 0) {
                    entries.add(option.getKey() + "=" + String.join(",", option.getValue().subList(0, n)));
                }
            }
            return entries.isEmpty() ? List.of("lr=1") : entries;
        };
    }

    @Property(tries = 30, seed = "20261208")
    void aGridHasEveryCombinationOnceWithIdsInOrder(@ForAll("grids") List<String> entries) {
        SweepGrid grid = SweepGrid.parse(entries, "the test");
        int expected = grid.values().values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        List<SweepConfig> configs = grid.configurations();
        assertEquals(expected, configs.size());
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            assertEquals(i, configs.get(i).id());
            assertTrue(distinct.add(configs.get(i).describe()));
            for (SweepOption o : SweepOption.values()) {
                List<String> listed = grid.values().get(o);
                assertTrue(listed == null ? configs.get(i).text(o).equals(o.defaultValue())
                        : listed.contains(configs.get(i).text(o)));
            }
        }
    }

    @Test
    void theLastOptionVariesFastest() {
        List<SweepConfig> configs = SweepGrid.parse(List.of("cell=rnn,gru", "hidden=4,8"), "t").configurations();
        assertEquals(List.of("rnn 4", "rnn 8", "gru 4", "gru 8"), configs.stream()
                .map(c -> c.text(SweepOption.CELL) + " " + c.text(SweepOption.HIDDEN)).toList());
    }

    @Test
    void aRandomSearchDrawsItsValuesAndSeedsFromTheSweepSeed() {
        SweepGrid grid = SweepGrid.parse(List.of("lr=0.1,0.3,1,3", "hidden=8,16,32"), "t");
        List<SweepConfig> once = grid.random(20, 7);
        assertEquals(once, grid.random(20, 7));
        assertNotEquals(once, grid.random(20, 8));
        assertEquals(20, once.stream().map(c -> c.text(SweepOption.SEED)).distinct().count());
        assertTrue(once.stream().allMatch(c -> grid.values().get(SweepOption.LR).contains(c.text(SweepOption.LR))));
    }

    @Test
    void badGridsAreRefusedWithTheRule() {
        assertEquals("a random search draws each configuration's seed from the sweep seed, but the grid lists seed"
                + " [1, 2]; drop seed from the grid and give --sweep-seed", assertThrows(UnrollException.class,
                        () -> SweepGrid.parse(List.of("seed=1,2"), "t").random(3, 1)).getMessage());
        assertEquals("sweep option lr in t entry 1 'lr=1,1' lists 1 twice; every value once",
                assertThrows(UnrollException.class, () -> SweepGrid.parse(List.of("lr=1,1"), "t")).getMessage());
        assertEquals("sweep option lr is given twice (again in t entry 2 'lr=2'); list all its values in one entry,"
                + " separated by commas", assertThrows(UnrollException.class,
                        () -> SweepGrid.parse(List.of("lr=1", "lr=2"), "t")).getMessage());
        assertEquals("sweep option cell in t entry 1 'cell=lstm,MyCell': the cell must be one of [rnn, lstm, gru,"
                + " gru-torch], got 'MyCell'", assertThrows(UnrollException.class,
                        () -> SweepGrid.parse(List.of("cell=lstm,MyCell"), "t")).getMessage());
    }
}
