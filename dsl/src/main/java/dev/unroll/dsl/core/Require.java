package dev.unroll.dsl.core;

import java.util.Collection;

/**
 * Checks the arguments of public entry points, so that a missing argument fails with an {@link UnrollException}
 * naming the call and the argument rather than with a bare {@code NullPointerException} deep inside.
 */
public final class Require {

    private Require() {
    }

    /** Returns {@code value}, or throws when it is null, naming {@code argument} of {@code call}. */
    public static <T> T notNull(T value, String call, String argument) {
        if (value == null) {
            throw new UnrollException(call + ": " + argument + " is null; every argument must be given (not null)");
        }
        return value;
    }

    /**
     * Returns {@code items}, or throws when it is null or holds a null element, naming {@code argument} of
     * {@code call} and the position of the first null.
     */
    public static <C extends Collection<?>> C noNulls(C items, String call, String argument) {
        notNull(items, call, argument);
        int position = 0;
        for (Object item : items) {
            if (item == null) {
                throw new UnrollException(call + ": element " + position + " of " + argument + " is null; every"
                        + " element must be given (not null)");
            }
            position++;
        }
        return items;
    }
}
