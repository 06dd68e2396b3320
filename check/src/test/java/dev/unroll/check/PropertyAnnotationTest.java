package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Passing {@link Property} tests run by Surefire itself; after all tries of each, a check confirms that the
 * generated values really reached the method.
 */
class PropertyAnnotationTest {

    private final List<Object> seen = new ArrayList<>();
    private final int offset = 1000;
    /** Each property replaces this, so a property whose method never ran fails here. */
    private Runnable afterAllTries = () -> fail("the property method was never invoked");

    static Gen<List<Integer>> smallLists() {
        return Gens.lists(Gens.integers(-50, 50), 0, 10);
    }

    Gen<Integer> offsets() {
        return Gens.integers(0, 9).map(x -> x + offset);
    }

    @AfterEach
    void verifyTries() {
        afterAllTries.run();
    }

    @Property(tries = 50)
    void defaultGeneratorsAreInjected(@ForAll int x, @ForAll long y, @ForAll double z, @ForAll boolean b) {
        assertTrue(Double.isFinite(z));
        seen.add(new Tuple3<>(x, y, b));
        afterAllTries = () -> {
            assertTrue(seen.size() >= 50, "tries: " + seen.size());
            assertTrue(new HashSet<>(seen).size() > 25, "too few distinct values: " + seen);
        };
    }

    @Property(tries = 50)
    void namedStaticGenerator(@ForAll("smallLists") List<Integer> xs) {
        assertTrue(xs.size() <= 10 && xs.stream().allMatch(x -> x >= -50 && x <= 50), xs.toString());
        List<Integer> reversed = new ArrayList<>(xs);
        Collections.reverse(reversed);
        Collections.reverse(reversed);
        assertEquals(xs, reversed);
        seen.add(xs.size());
        afterAllTries = () -> assertTrue(new HashSet<>(seen).size() > 3, "list sizes: " + seen);
    }

    @Property(tries = 30)
    void instanceGeneratorMixedWithJUnitParameters(@ForAll("offsets") int x, TestInfo info) {
        assertNotNull(info);
        assertTrue(x >= 1000 && x <= 1009, "x = " + x);
        seen.add(x);
        afterAllTries = () -> assertTrue(new HashSet<>(seen).size() >= 5, "offsets seen: " + seen);
    }

    @Property(tries = 20, seed = "42")
    void pinnedSeedReplaysTheRunnerSequence(@ForAll("offsets") int x) {
        seen.add(x);
        afterAllTries = () -> assertEquals(Runs.sample(offsets(), 42, seen.size()), seen);
    }
}
