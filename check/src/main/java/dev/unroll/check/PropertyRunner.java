package dev.unroll.check;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Checks a property against generated values and, on failure, shrinks the counterexample and throws a
 * {@link PropertyFailure}; instances are immutable and each setter returns a new runner.
 *
 * <p>Example: {@code PropertyRunner.forAll(Gens.integers(0, 100)).tries(500).check(x -> assertTrue(x <= 100));}
 *
 * <p>Unless a config is passed with {@link #withConfig}, {@link #check} reads the system properties described in
 * {@link CheckConfig} when it is called; nothing else reads global state.
 *
 * @param <T> the type of the checked values
 */
public final class PropertyRunner<T> {

    /** Reruns the shrinker may spend per failure. */
    public static final int SHRINK_BUDGET = 2_000;

    private final Gen<T> gen;
    private final String name;
    private final int tries;
    private final OptionalLong seed;
    private final CheckConfig config;

    private PropertyRunner(Gen<T> gen, String name, int tries, OptionalLong seed, CheckConfig config) {
        this.gen = gen;
        this.name = name;
        this.tries = tries;
        this.seed = seed;
        this.config = config;
    }

    /** Starts a property over the values of {@code gen}. */
    public static <T> PropertyRunner<T> forAll(Gen<T> gen) {
        return new PropertyRunner<>(Objects.requireNonNull(gen, "generator"), null, 0, OptionalLong.empty(), null);
    }

    /** Starts a property over pairs of values, shrinking both jointly. */
    public static <A, B> PropertyRunner<Tuple2<A, B>> forAll(Gen<A> first, Gen<B> second) {
        return forAll(Gens.tuples(first, second));
    }

    /** Names the property in failure reports. */
    public PropertyRunner<T> named(String newName) {
        return new PropertyRunner<>(gen, newName, tries, seed, config);
    }

    /** Pins the number of tries; the {@value CheckConfig#TRIES_FACTOR_KEY} multiplier still applies. */
    public PropertyRunner<T> tries(int newTries) {
        if (newTries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, got " + newTries);
        }
        return new PropertyRunner<>(gen, name, newTries, seed, config);
    }

    /** Pins the seed, replaying exactly the cases of an earlier run with that seed. */
    public PropertyRunner<T> seed(long newSeed) {
        return new PropertyRunner<>(gen, name, tries, OptionalLong.of(newSeed), config);
    }

    /** Uses {@code newConfig} instead of reading the system properties. */
    public PropertyRunner<T> withConfig(CheckConfig newConfig) {
        return new PropertyRunner<>(gen, name, tries, seed, Objects.requireNonNull(newConfig, "config"));
    }

    /**
     * Runs the property; it fails when {@code property} throws anything for some value. A thrown JUnit assumption
     * ({@code TestAbortedException}) or {@link GenerationRejected} discards the try instead.
     *
     * @throws PropertyFailure with the shrunk counterexample when the property fails
     * @throws IllegalStateException when too many tries were rejected
     */
    public CheckReport check(ThrowingConsumer<? super T> property) {
        Objects.requireNonNull(property, "property");
        CheckConfig effective = config != null ? config : CheckConfig.fromSystemProperties();
        long runSeed = effective.seedFor(seed);
        return new PropertyEngine<>(gen, property, name, runSeed, effective.triesFor(tries), SHRINK_BUDGET).run();
    }

    /** Runs the property {@code predicate}, which fails for a value when it returns {@code false}. */
    public CheckReport checkThat(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return check(value -> {
            if (!predicate.test(value)) {
                throw new AssertionError("predicate returned false for " + Values.format(value));
            }
        });
    }
}
