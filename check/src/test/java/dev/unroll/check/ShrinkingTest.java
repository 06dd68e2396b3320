package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shrinking reaches known minimal counterexamples, for many seeds and through map, flatMap and filter. */
class ShrinkingTest {

    private static int sum(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).sum();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 12345, -7, 99, 2024})
    void listSumShrinksToSingleElement101(long seed) {
        PropertyFailure failure = Runs.failure(Gens.lists(Gens.integers(0, 1000), 0, 20), seed,
                list -> assertTrue(sum(list) <= 100, "sum " + sum(list) + " > 100"));
        assertEquals("[101]", failure.shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 12345, -7})
    void intBelow500ShrinksTo500(long seed) {
        PropertyFailure failure = Runs.failure(Gens.integers(0, 10_000), seed, x -> assertTrue(x < 500));
        assertEquals("500", failure.shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 12345, -7})
    void signedRangeShrinksToBoundaryOnEitherSide(long seed) {
        assertEquals("500", Runs.failure(Gens.integers(-10_000, 10_000), seed, x -> assertTrue(x < 500)).shrunk());
        assertEquals("-500", Runs.failure(Gens.integers(-10_000, 10_000), seed, x -> assertTrue(x > -500)).shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 12345, -7})
    void flatMapWithLengthDrawnFirstShrinksToMinimalList(long seed) {
        Gen<List<Integer>> gen = Gens.integers(0, 20).flatMap(n -> Gens.lists(Gens.integers(0, 1000), n, n));
        PropertyFailure failure = Runs.failure(gen, seed,
                list -> assertTrue(list.size() < 3 || sum(list) < 10));
        assertEquals("[0, 0, 10]", failure.shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 12345, -7})
    void mappedGeneratorShrinksThroughTheMap(long seed) {
        Gen<Integer> evens = Gens.integers(0, 10_000).map(x -> 2 * x);
        assertEquals("1000", Runs.failure(evens, seed, x -> assertTrue(x < 1000)).shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 12345, -7})
    void filteredGeneratorShrinksToSmallestAcceptedValue(long seed) {
        Gen<Integer> evens = Gens.integers(0, 10_000).filter(x -> x % 2 == 0);
        assertEquals("502", Runs.failure(evens, seed, x -> assertTrue(x < 501)).shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void unboundedDoublesShrinkToRoundThreshold(long seed) {
        PropertyFailure failure = Runs.failure(Gens.doubles(), seed, x -> assertTrue(Math.abs(x) < 1e10));
        assertEquals("1.0E10", failure.shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void boundedDoublesShrinkToTheFailureBoundary(long seed) {
        PropertyFailure failure = Runs.failure(Gens.doubles(-1.0, 1.0), seed, x -> assertTrue(x < 0.5));
        double shrunk = Double.parseDouble(failure.shrunk());
        assertTrue(shrunk >= 0.5 && shrunk < 0.5 + 1e-12, "shrunk to " + shrunk);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void tuplesShrinkJointly(long seed) {
        Gen<Tuple2<Integer, Integer>> pairs = Gens.tuples(Gens.integers(0, 1000), Gens.integers(0, 1000));
        PropertyFailure failure = Runs.failure(pairs, seed, p -> assertTrue(p.first() + p.second() < 100));
        assertEquals("(0, 100)", failure.shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void elementsShrinkTowardTheFirst(long seed) {
        Gen<String> gen = Gens.oneOf("a", "b", "c", "d");
        assertEquals("a", Runs.failure(gen, seed, s -> assertTrue(s.length() > 1)).shrunk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void doubleArraysPrintReadablyAndShrinkElementwise(long seed) {
        PropertyFailure failure = Runs.failure(Gens.doubleArrays(3, 0.0, 1.0), seed, a -> assertTrue(a[1] < 1.0));
        assertEquals("[0.0, 1.0, 0.0]", failure.shrunk());
    }
}
