package dev.unroll.check;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit Jupiter test method as a property: its {@link ForAll} parameters are generated, it runs once per
 * try, and a failure is shrunk and reported as a {@link PropertyFailure}.
 *
 * <p>Each property counts as one test. Lifecycle methods ({@code @BeforeEach}, {@code @AfterEach}) run once
 * around all tries, which share one test instance. Tries and seed fall back to the JUnit configuration parameters
 * (or system properties) {@value CheckConfig#TRIES_KEY}, {@value CheckConfig#TRIES_FACTOR_KEY} and
 * {@value CheckConfig#SEED_KEY}; see {@link CheckConfig}.
 *
 * <pre>{@code
 * @Property(tries = 200)
 * void absIsNonNegative(@ForAll("smallInts") int x) {
 *     assertTrue(Math.abs(x) >= 0);
 * }
 *
 * static Gen<Integer> smallInts() {
 *     return Gens.integers(-1000, 1000);
 * }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(PropertyExtension.class)
public @interface Property {

    /** Tries for this property; {@code 0} means the default (100, or {@value CheckConfig#TRIES_KEY}). */
    int tries() default 0;

    /** The seed as a decimal long, e.g. {@code "12345"}; empty means {@value CheckConfig#SEED_KEY} or random. */
    String seed() default "";
}
