package dev.unroll.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure report names the property, seed, try, both counterexamples, the cause and how to rerun. */
class FailureReportTest {

    private static final long SEED = 12345L;

    private static PropertyFailure sumFailure() {
        return assertThrows(PropertyFailure.class, () -> PropertyRunner
                .forAll(Gens.lists(Gens.integers(0, 1000), 0, 20))
                .named("sumIsSmall")
                .seed(SEED)
                .withConfig(CheckConfig.defaults())
                .check(list -> {
                    int sum = list.stream().mapToInt(Integer::intValue).sum();
                    if (sum > 100) {
                        throw new AssertionError("sum was " + sum);
                    }
                }));
    }

    @Test
    void messageStatesSeedOriginalShrunkCauseAndRerunInstruction() {
        PropertyFailure failure = sumFailure();
        String message = failure.getMessage();
        assertTrue(message.startsWith("Property 'sumIsSmall' failed on try " + failure.tryNumber() + " of 100 (seed 12345)"),
                message);
        assertTrue(message.contains("Original counterexample: " + failure.original()), message);
        assertTrue(message.contains("Shrunk counterexample:   [101]"), message);
        assertTrue(message.contains("Shrink steps:            " + failure.shrinkSteps() + " ("), message);
        assertTrue(message.contains("Shrunk failure:          java.lang.AssertionError: sum was 101"),
                message);
        assertTrue(message.contains("rerun with @Property(seed = \"12345\")"), message);
        assertTrue(message.contains("-Dunroll.check.seed=12345"), message);
    }

    @Test
    void originalDiffersFromShrunkAndShrinkingTookSteps() {
        PropertyFailure failure = sumFailure();
        assertNotEquals(failure.shrunk(), failure.original());
        assertTrue(failure.shrinkSteps() > 0, "steps: " + failure.shrinkSteps());
        assertEquals(SEED, failure.seed());
        assertEquals("sumIsSmall", failure.propertyName());
    }

    @Test
    void causeIsTheShrunkCounterexamplesOwnFailure() {
        Throwable cause = sumFailure().getCause();
        assertInstanceOf(AssertionError.class, cause);
        assertEquals("sum was 101", cause.getMessage());
    }

    @Test
    void unnamedPropertyAndNonAssertionExceptionsAreReported() {
        PropertyFailure failure = Runs.failure(Gens.integers(0, 100), 7, x -> {
            if (x > 10) {
                throw new IllegalStateException("too big: " + x);
            }
        });
        assertTrue(failure.getMessage().startsWith("Property failed on try"), failure.getMessage());
        assertEquals("11", failure.shrunk());
        assertEquals("too big: 11", failure.getCause().getMessage());
    }

    @Test
    void mutatedCounterexamplesAreReportedAsGenerated() {
        PropertyFailure failure = Runs.failure(Gens.doubleArrays(2, 1.0, 2.0), 3, a -> {
            a[0] = -99.0;
            throw new AssertionError("always");
        });
        assertEquals("[1.0, 1.0]", failure.shrunk());
        assertTrue(!failure.original().contains("-99.0"), failure.original());
    }

    @Test
    void checkThatReportsThePredicateFailure() {
        PropertyFailure failure = assertThrows(PropertyFailure.class, () -> PropertyRunner
                .forAll(Gens.integers(0, 100)).seed(1).withConfig(CheckConfig.defaults()).checkThat(x -> x < 50));
        assertEquals("50", failure.shrunk());
        assertEquals("predicate returned false for 50", failure.getCause().getMessage());
    }

    @Test
    void tooManyRejectsFailsWithAnExplanation() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> PropertyRunner
                .forAll(Gens.integers(0, 100).filter(x -> x > 1000)).named("impossible").seed(1)
                .withConfig(CheckConfig.defaults()).check(x -> { }));
        String message = error.getMessage();
        assertTrue(message.startsWith("Property 'impossible' rejected 501 tries while only 0 of 100 passed"), message);
        assertTrue(message.contains("filter rejected 100 values in a row"), message);
        assertTrue(message.contains("instead of filtering"), message);
    }

    @Test
    void generatorExceptionsAreFailuresWithTheSeed() {
        Gen<List<Integer>> broken = Gens.integers(0, 10).map(x -> {
            if (x > 5) {
                throw new ArithmeticException("bad " + x);
            }
            return List.of(x);
        });
        PropertyFailure failure = Runs.failure(broken, 5, x -> { });
        assertTrue(failure.shrunk().contains("the generator threw"), failure.shrunk());
        assertEquals("bad 6", failure.getCause().getMessage());
    }
}
