package dev.unroll.runtime.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class NiceScaleTest {

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1.0, NiceScale.niceStep(0.7), 1e-12);
        assertEquals(2.0, NiceScale.niceStep(1.3), 1e-12);
        assertEquals(5.0, NiceScale.niceStep(4.2), 1e-12);
        assertEquals(10.0, NiceScale.niceStep(6.0), 1e-12);
        assertEquals(0.05, NiceScale.niceStep(0.031), 1e-12);
    }

    @Test
    void ticksEncloseTheDataAndAreFewAndLabelledDistinctly() {
        PropertyRunner.forAll(Gens.doubles(1, 1e4), Gens.doubles(0, 1e4)).tries(300).seed(51).check(c -> {
            double min = c.first();
            double max = min + c.second();
            NiceScale scale = NiceScale.of(min, max, 6, 400, 50);
            List<Double> ticks = scale.ticks();
            assertTrue(scale.low() <= min && scale.high() >= max, scale::toString);
            assertTrue(ticks.size() >= 2 && ticks.size() <= 14, ticks::toString);
            assertEquals(ticks.size(), ticks.stream().map(scale::label).distinct().count(), ticks::toString);
            assertEquals(400, scale.pixel(scale.low()), 1e-9);
            assertEquals(50, scale.pixel(scale.high()), 1e-9);
        });
    }

    @Test
    void epochAxesUseWholeNumbers() {
        NiceScale scale = NiceScale.ofIntegers(1, 30, 10, 0, 100);
        assertEquals(List.of("5", "10", "15", "20", "25", "30"),
                scale.ticks().stream().map(scale::label).toList());
        assertEquals(List.of(1.0, 2.0), NiceScale.ofIntegers(1, 1, 10, 0, 100).ticks());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0), NiceScale.ofIntegers(1, 5, 10, 0, 100).ticks());
    }
}
