package dev.unroll.check;

/**
 * The body of a property: it accepts a generated value and signals failure by throwing anything, typically an
 * {@link AssertionError}.
 *
 * @param <T> the type of the checked values
 */
@FunctionalInterface
public interface ThrowingConsumer<T> {

    /** Checks the property for one value, throwing to report a counterexample. */
    void accept(T value) throws Throwable;
}
