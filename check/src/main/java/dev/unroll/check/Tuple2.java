package dev.unroll.check;

/**
 * A pair of generated values, produced by {@link Gens#tuples(Gen, Gen)}.
 *
 * @param first the first value
 * @param second the second value
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 */
public record Tuple2<A, B>(A first, B second) {

    @Override
    public String toString() {
        return "(" + Values.format(first) + ", " + Values.format(second) + ")";
    }
}
