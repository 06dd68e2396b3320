package dev.unroll.check;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Function;

/**
 * Run-wide settings of the engine: the default number of tries, a multiplier applied to every property's tries,
 * and an optional seed for properties that do not pin one.
 *
 * <p>They come from the system properties {@value #TRIES_KEY} (an integer replacing the default of
 * {@value #DEFAULT_TRIES} for properties that do not pin their tries), {@value #TRIES_FACTOR_KEY} (a positive
 * multiplier for all properties, e.g. {@code 10} for a nightly run) and {@value #SEED_KEY} (a long). They are read
 * only at entry points: {@link PropertyRunner#check} without an explicit config, and {@link PropertyExtension},
 * which reads them as JUnit configuration parameters (so {@code junit-platform.properties} works too).
 *
 * @param defaultTries tries for properties that do not pin theirs
 * @param triesFactor multiplier applied to every property's tries
 * @param seed the seed for properties that do not pin one; empty for a fresh random seed per property
 */
public record CheckConfig(int defaultTries, double triesFactor, OptionalLong seed) {

    /** System property replacing the default number of tries. */
    public static final String TRIES_KEY = "unroll.check.tries";
    /** System property multiplying the tries of every property. */
    public static final String TRIES_FACTOR_KEY = "unroll.check.triesFactor";
    /** System property fixing the seed of every property that does not pin one. */
    public static final String SEED_KEY = "unroll.check.seed";
    /** Tries per property when neither the property nor {@value #TRIES_KEY} says otherwise. */
    public static final int DEFAULT_TRIES = 100;

    /** Validates the settings so that a bad value fails at the entry point with an explanation. */
    public CheckConfig {
        Objects.requireNonNull(seed, "seed (use OptionalLong.empty() for a random seed)");
        if (defaultTries < 1) {
            throw new IllegalArgumentException(TRIES_KEY + " must be a positive integer, got " + defaultTries);
        }
        if (!(triesFactor > 0) || Double.isInfinite(triesFactor)) {
            throw new IllegalArgumentException(TRIES_FACTOR_KEY + " must be a positive finite number, got "
                    + triesFactor + "; use e.g. 10 for a ten times longer run");
        }
    }

    /** The built-in settings: {@value #DEFAULT_TRIES} tries, factor 1, a fresh seed per property. */
    public static CheckConfig defaults() {
        return new CheckConfig(DEFAULT_TRIES, 1.0, OptionalLong.empty());
    }

    /** Reads the settings from the JVM system properties. */
    public static CheckConfig fromSystemProperties() {
        return from(System::getProperty);
    }

    /** Reads the settings from {@code properties}, e.g. in tests that must not touch the system properties. */
    public static CheckConfig from(Properties properties) {
        return from(properties::getProperty);
    }

    /** Reads the settings through {@code lookup}, which returns {@code null} for absent keys. */
    public static CheckConfig from(Function<String, String> lookup) {
        int tries = parse(lookup, TRIES_KEY, DEFAULT_TRIES, Integer::parseInt, "an integer such as 1000");
        double factor = parse(lookup, TRIES_FACTOR_KEY, 1.0, Double::parseDouble, "a number such as 10");
        String seedText = lookup.apply(SEED_KEY);
        OptionalLong seed = seedText == null || seedText.isBlank()
                ? OptionalLong.empty()
                : OptionalLong.of(parseSeed(seedText, "-D" + SEED_KEY));
        return new CheckConfig(tries, factor, seed);
    }

    /** The tries of a property that pinned {@code pinnedTries} (0 meaning "not pinned"), after the factor. */
    public int triesFor(int pinnedTries) {
        if (pinnedTries < 0) {
            throw new IllegalArgumentException("tries must be positive (or 0 for the default), got " + pinnedTries);
        }
        double scaled = Math.ceil((pinnedTries > 0 ? pinnedTries : defaultTries) * triesFactor);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, scaled));
    }

    /** The seed of a property: its pinned seed, else this config's seed, else a fresh random one. */
    public long seedFor(OptionalLong pinnedSeed) {
        return pinnedSeed.isPresent() ? pinnedSeed.getAsLong() : seed.orElseGet(Seeds::fresh);
    }

    /** Parses a seed written as a decimal long, with an optional {@code L} suffix. */
    static long parseSeed(String text, String where) {
        String trimmed = text.strip();
        if (trimmed.endsWith("L") || trimmed.endsWith("l")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The seed given by " + where + " must be a decimal long such as "
                    + "12345, got '" + text + "'; copy the seed printed in the failure report", e);
        }
    }

    private static <N> N parse(Function<String, String> lookup, String key, N absent,
                               Function<String, N> parser, String example) {
        String text = lookup.apply(key);
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return parser.apply(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be " + example + ", got '" + text + "'", e);
        }
    }
}
