package dev.unroll.examples.lunch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class EatingRecordTest {

    @Test
    void theSameSeedGivesTheSameRecord() {
        assertArrayEquals(EatingRecord.generate(500, true, 3).lunch(), EatingRecord.generate(500, true, 3).lunch());
        assertNotEquals(java.util.Arrays.toString(EatingRecord.generate(500, true, 3).lunch()),
                java.util.Arrays.toString(EatingRecord.generate(500, true, 4).lunch()));
    }

    @Test
    void theRuleNeverRepeatsALunchOfTheLastTwoDays() {
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                int m = EatingRecord.ruleLunch(a, b);
                assertNotEquals(a, m);
                assertNotEquals(b, m);
            }
        }
        assertEquals(1, EatingRecord.ruleLunch(0, 3), "first meal after yesterday's in the cycle");
        assertEquals(2, EatingRecord.ruleLunch(0, 1), "skips the day before's meal");
    }

    /** A predictor that knows the rule reaches the documented best accuracy, within 4 standard errors. */
    @Test
    void anOracleThatKnowsTheRuleReachesTheDocumentedBest() {
        for (boolean plans : new boolean[] {false, true}) {
            EatingRecord r = EatingRecord.generate(200_000, plans, 5);
            long right = 0;
            long total = 0;
            for (int d = 2; d < r.days() - 1; d++) {
                int guess = r.planned()[d] ? r.lunch()[d]
                        : r.planned()[d + 1] ? (r.lunch()[d + 1] + 1) % 4
                        : EatingRecord.ruleLunch(r.lunch()[d - 1], r.lunch()[d - 2]);
                right += guess == r.lunch()[d] ? 1 : 0;
                total++;
            }
            double best = EatingRecord.bestAccuracy(plans);
            double se = Math.sqrt(best * (1 - best) / total);
            assertEquals(best, (double) right / total, 4 * se, "variant with plans = " + plans);
        }
    }
}
