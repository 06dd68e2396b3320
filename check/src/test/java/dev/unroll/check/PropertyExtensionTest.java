package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.unroll.check.fixtures.BrokenProperties;
import dev.unroll.check.fixtures.FailingProperties;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the real JUnit Jupiter engine to check how properties are reported. */
class PropertyExtensionTest {

    private static EngineExecutionResults run(Class<?> fixture) {
        FailingProperties.TRIES.set(0);
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter(CheckConfig.TRIES_KEY, "13")
                .configurationParameter(CheckConfig.TRIES_FACTOR_KEY, "2")
                .configurationParameter(CheckConfig.SEED_KEY, "99")
                .execute();
    }

    private static Throwable failureOf(EngineExecutionResults results, String method) {
        Event event = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .findFirst()
                .orElseThrow(() -> new AssertionError(method + " did not fail"));
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    @Test
    void eachPropertyIsOneTestAndFailuresAreReported() {
        run(FailingProperties.class).testEvents().assertStatistics(s -> s.started(4).succeeded(2).failed(2));
    }

    @Test
    void failureIsAShrunkPropertyFailureNamingTheMethod() {
        PropertyFailure failure = assertInstanceOf(PropertyFailure.class,
                failureOf(run(FailingProperties.class), "sumIsSmall"));
        assertEquals("FailingProperties.sumIsSmall", failure.propertyName());
        assertEquals(12345L, failure.seed());
        assertEquals("xs = [101]", failure.shrunk());
        assertTrue(failure.getMessage().contains("@Property(seed = \"12345\")"), failure.getMessage());
    }

    @Test
    void severalParametersShrinkJointly() {
        PropertyFailure failure = assertInstanceOf(PropertyFailure.class,
                failureOf(run(FailingProperties.class), "jointShrink"));
        assertEquals("a = 0, b = 100", failure.shrunk());
    }

    @Test
    void configurationParametersSetTriesAndFactor() {
        run(FailingProperties.class);
        // countsTries: 13 tries x factor 2; pinnedTriesStillScaled: 5 x 2 tries of 1000 each.
        assertEquals(26 + 10_000, FailingProperties.TRIES.get());
    }

    @Test
    void misuseFailsWithExplanations() {
        EngineExecutionResults results = run(BrokenProperties.class);
        results.testEvents().assertStatistics(s -> s.started(5).failed(5));
        assertTrue(failureOf(results, "unknownGenerator").getMessage()
                .startsWith("No generator method 'nope' for parameter 'x' of BrokenProperties.unknownGenerator"));
        assertTrue(failureOf(results, "noDefaultGenerator").getMessage().contains("has no default generator"));
        assertTrue(failureOf(results, "wrongReturnType").getMessage().contains("needs it to return a Gen"));
        assertTrue(failureOf(results, "badSeed").getMessage().contains("got 'abc'"));
        assertTrue(failureOf(results, "forAllWithoutProperty").getMessage().contains("replace @Test with @Property"));
    }
}
