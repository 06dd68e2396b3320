package dev.unroll.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTmpTest {
    @Test
    void starts() {
        SparkSession s = SparkSession.builder().master("local[2,2]").appName("t").config("spark.ui.enabled", "false").getOrCreate();
        try {
            long n = s.range(0, 1000, 1, 2).count();
            assertEquals(1000, n);
        } finally {
            s.stop();
        }
    }
}
