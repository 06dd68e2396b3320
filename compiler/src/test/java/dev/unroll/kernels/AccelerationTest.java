package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The build runs the tests on the path it means to: the vector path in surefire's default execution, which adds the
 * module, and the plain path in the {@code plain-kernels} execution, which does not; each sets
 * {@code unroll.test.vector} to say which (a run from an IDE sets nothing, and this test is skipped).
 */
class AccelerationTest {

    @Test
    void theTestsRunOnTheIntendedPath() {
        String expected = System.getProperty("unroll.test.vector");
        assumeTrue(expected != null, "no unroll.test.vector: not run by the build");
        assertEquals(Boolean.parseBoolean(expected), Acceleration.vectorized(), Acceleration.describe());
    }
}
