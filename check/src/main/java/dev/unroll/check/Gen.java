package dev.unroll.check;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of values of type {@code T}, drawn deterministically from a {@link Choices} stream so that
 * shrinking the choices shrinks the value, through any {@code map}, {@code flatMap} or {@code filter}.
 *
 * <p>Implementations must be pure functions of the choices they draw: no other randomness, no shared mutable
 * state. Factories for common generators live in {@link Gens}.
 *
 * @param <T> the type of generated values
 */
@FunctionalInterface
public interface Gen<T> {

    /** The number of consecutive values {@link #filter} tries before it rejects the whole try. */
    int FILTER_ATTEMPTS = 100;

    /** Generates one value, drawing all randomness from {@code choices}. */
    T generate(Choices choices);

    /** Returns a generator applying {@code f} to each generated value; shrinking happens on the source value. */
    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        Objects.requireNonNull(f, "map function");
        return choices -> f.apply(generate(choices));
    }

    /** Returns a generator that uses each generated value to pick the generator of the final value. */
    default <U> Gen<U> flatMap(Function<? super T, ? extends Gen<? extends U>> f) {
        Objects.requireNonNull(f, "flatMap function");
        return choices -> {
            T value = generate(choices);
            Gen<? extends U> next = f.apply(value);
            if (next == null) {
                throw new NullPointerException("flatMap function returned null for " + Values.format(value)
                        + "; it must return a generator for every input");
            }
            return next.generate(choices);
        };
    }

    /**
     * Returns a generator of the values satisfying {@code predicate}; after {@value #FILTER_ATTEMPTS} misses in a
     * row it rejects the try (see {@link GenerationRejected}), and a property with too many rejected tries fails
     * with an explanation.
     */
    default Gen<T> filter(Predicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "filter predicate");
        return choices -> {
            T last = null;
            for (int attempt = 0; attempt < FILTER_ATTEMPTS; attempt++) {
                last = generate(choices);
                if (predicate.test(last)) {
                    return last;
                }
            }
            throw new GenerationRejected("filter rejected " + FILTER_ATTEMPTS + " values in a row (last: "
                    + Values.format(last) + ")");
        };
    }
}
