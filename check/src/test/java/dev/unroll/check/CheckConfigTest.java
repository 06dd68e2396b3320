package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run-wide settings override defaults as documented, without touching global system properties. */
class CheckConfigTest {

    private static CheckConfig config(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return CheckConfig.from(properties);
    }

    private static int triesRun(PropertyRunner<Integer> runner) {
        AtomicInteger calls = new AtomicInteger();
        CheckReport report = runner.check(x -> calls.incrementAndGet());
        assertEquals(calls.get(), report.tries());
        return calls.get();
    }

    @Test
    void defaultIs100Tries() {
        assertEquals(100, triesRun(PropertyRunner.forAll(Gens.integers(0, 9)).withConfig(config())));
    }

    @Test
    void globalTriesReplaceTheDefaultButNotPinnedTries() {
        CheckConfig config = config("unroll.check.tries", "7");
        assertEquals(7, triesRun(PropertyRunner.forAll(Gens.integers(0, 9)).withConfig(config)));
        assertEquals(5, triesRun(PropertyRunner.forAll(Gens.integers(0, 9)).tries(5).withConfig(config)));
    }

    @Test
    void triesFactorAppliesToAllProperties() {
        CheckConfig config = config("unroll.check.tries", "7", "unroll.check.triesFactor", "3");
        assertEquals(21, triesRun(PropertyRunner.forAll(Gens.integers(0, 9)).withConfig(config)));
        assertEquals(15, triesRun(PropertyRunner.forAll(Gens.integers(0, 9)).tries(5).withConfig(config)));
    }

    @Test
    void globalSeedAppliesUnlessThePropertyPinsOne() {
        CheckConfig config = config("unroll.check.seed", "4242");
        assertEquals(4242, PropertyRunner.forAll(Gens.booleans()).withConfig(config).check(b -> { }).seed());
        assertEquals(9, PropertyRunner.forAll(Gens.booleans()).seed(9).withConfig(config).check(b -> { }).seed());
        assertEquals(OptionalLong.of(-17), config("unroll.check.seed", " -17L ").seed());
    }

    @Test
    void badValuesFailWithTheKeyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("unroll.check.tries", "many"));
        assertEquals("unroll.check.tries must be an integer such as 1000, got 'many'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("unroll.check.triesFactor", "0"));
        assertTrue(e.getMessage().startsWith("unroll.check.triesFactor must be a positive finite number, got 0.0"));
        e = assertThrows(IllegalArgumentException.class, () -> config("unroll.check.seed", "0x12"));
        assertTrue(e.getMessage().contains("got '0x12'"), e.getMessage());
    }
}
