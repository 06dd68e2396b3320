package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A seed replays exactly the same cases; another seed gives other cases. */
class DeterminismTest {

    private static final Gen<Tuple3<Integer, Double, List<Boolean>>> GEN = Gens.tuples(
            Gens.integers(-1000, 1000), Gens.doubles(), Gens.lists(Gens.booleans(), 0, 5));

    @Test
    void sameSeedReplaysSameCases() {
        assertEquals(Runs.sample(GEN, 777, 100), Runs.sample(GEN, 777, 100));
    }

    @Test
    void differentSeedsGiveDifferentCases() {
        assertNotEquals(Runs.sample(GEN, 777, 100), Runs.sample(GEN, 778, 100));
    }

    @Test
    void sameSeedReplaysSameFailureReport() {
        Gen<List<Integer>> gen = Gens.lists(Gens.integers(0, 1000), 0, 20);
        ThrowingConsumer<List<Integer>> property = l -> assertEquals(0, l.stream().mapToInt(i -> i).sum() / 300);
        PropertyFailure first = Runs.failure(gen, 99, property);
        PropertyFailure second = Runs.failure(gen, 99, property);
        assertEquals(first.getMessage(), second.getMessage());
    }

    @Test
    void eachTryCanBeRegeneratedFromSeedAndTryIndex() {
        List<Tuple3<Integer, Double, List<Boolean>>> run = Runs.sample(GEN, 31, 10);
        for (int tryIndex = 0; tryIndex < run.size(); tryIndex++) {
            assertEquals(run.get(tryIndex), GEN.generate(RecordedChoices.generating(31, tryIndex)));
        }
    }

    @Test
    void replayingTheRecordedChoicesRegeneratesTheValue() {
        RecordedChoices generating = RecordedChoices.generating(5, 0);
        Tuple3<Integer, Double, List<Boolean>> value = GEN.generate(generating);
        assertEquals(value, GEN.generate(RecordedChoices.replaying(generating.recorded())));
    }
}
