package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generators respect their ranges and are biased toward edge cases. */
class GeneratorsTest {

    @Test
    void integersHitZeroAndBothBoundsWithin100Draws() {
        List<Integer> values = Runs.sample(Gens.integers(-1000, 1000), 2024, 100);
        assertTrue(values.containsAll(List.of(0, -1000, 1000)), values.toString());
        assertTrue(values.stream().allMatch(v -> v >= -1000 && v <= 1000), values.toString());
    }

    @Test
    void integersStayInOneSidedRanges() {
        assertTrue(Runs.sample(Gens.integers(5, 9), 1, 200).stream().allMatch(v -> v >= 5 && v <= 9));
        assertTrue(Runs.sample(Gens.integers(-9, -5), 1, 200).stream().allMatch(v -> v >= -9 && v <= -5));
        assertEquals(Set.of(5, 6, 7, 8, 9), new HashSet<>(Runs.sample(Gens.integers(5, 9), 1, 200)));
    }

    @Test
    void longsCoverExtremes() {
        List<Long> values = Runs.sample(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), 8, 200);
        assertTrue(values.contains(Long.MIN_VALUE) && values.contains(Long.MAX_VALUE), values.toString());
        assertTrue(Runs.sample(Gens.longs(Long.MIN_VALUE, 0), 8, 200).contains(Long.MIN_VALUE));
    }

    @Test
    void unboundedDoublesAreFiniteAndSpanSignsAndMagnitudes() {
        List<Double> values = Runs.sample(Gens.doubles(), 3, 1000);
        assertTrue(values.stream().allMatch(Double::isFinite));
        assertTrue(values.contains(0.0), "no 0.0");
        assertTrue(values.stream().anyMatch(v -> Double.compare(v, -0.0) == 0), "no -0.0");
        assertTrue(values.stream().anyMatch(v -> v < 0), "no negatives");
        assertTrue(values.stream().anyMatch(v -> v != 0 && Math.abs(v) < 1e-250), "no tiny magnitudes");
        assertTrue(values.stream().anyMatch(v -> Math.abs(v) > 1e250), "no large magnitudes");
    }

    @Test
    void boundedDoublesStayInRangeAndHitEdges() {
        List<Double> values = Runs.sample(Gens.doubles(-2.5, 4.0), 11, 200);
        assertTrue(values.stream().allMatch(v -> v >= -2.5 && v <= 4.0));
        assertTrue(values.containsAll(List.of(-2.5, 4.0, 0.0)), values.toString());
        assertFalse(values.stream().anyMatch(v -> Double.compare(v, -0.0) == 0), "-0.0 is not simpler than 0.0");
    }

    @Test
    void hugeDoubleRangesStayFinite() {
        List<Double> values = Runs.sample(Gens.doubles(-Double.MAX_VALUE, Double.MAX_VALUE), 4, 200);
        assertTrue(values.stream().allMatch(Double::isFinite));
        assertTrue(values.contains(Double.MAX_VALUE) && values.contains(-Double.MAX_VALUE));
    }

    @Test
    void listsRespectSizeBounds() {
        List<List<Integer>> lists = Runs.sample(Gens.lists(Gens.integers(0, 9), 2, 4), 6, 300);
        assertTrue(lists.stream().allMatch(l -> l.size() >= 2 && l.size() <= 4));
        assertEquals(Set.of(2, 3, 4), new HashSet<>(lists.stream().map(List::size).toList()));
    }

    @Test
    void doubleArraysHaveTheLengthAndRange() {
        List<double[]> arrays = Runs.sample(Gens.doubleArrays(7, -1, 1), 2, 100);
        assertTrue(arrays.stream().allMatch(a -> a.length == 7));
        assertTrue(arrays.stream().flatMapToDouble(java.util.Arrays::stream).allMatch(v -> v >= -1 && v <= 1));
    }

    @Test
    void choiceGeneratorsCoverAllOptions() {
        assertEquals(Set.of(true, false), new HashSet<>(Runs.sample(Gens.booleans(), 1, 50)));
        assertEquals(Set.of("x", "y", "z"), new HashSet<>(Runs.sample(Gens.oneOf("x", "y", "z"), 1, 100)));
        Gen<Object> mixed = Gens.oneOfGens(Gens.constant("s"), Gens.integers(1, 1));
        assertEquals(Set.of("s", 1), new HashSet<>(Runs.sample(mixed, 1, 100)));
        assertEquals(List.of(3, 3), Runs.sample(Gens.zip(Gens.constant(1), Gens.constant(2), Integer::sum), 1, 2));
    }

    @Test
    void invalidArgumentsAreRejectedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gens.integers(5, 1));
        assertEquals("Gens.integers needs min <= max, got min=5, max=1; swap the bounds", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gens.doubles(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Gens.lists(Gens.booleans(), 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Gens.elements(List.of()));
    }
}
