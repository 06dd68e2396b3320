package dev.unroll.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Factories for the standard generators; all of them shrink through their choice sequence toward the simplest
 * value described on each factory.
 */
public final class Gens {

    private Gens() {
    }

    /** Integers in {@code [min, max]}, biased toward 0, 1, -1, min and max; shrinks toward 0 or the bound nearest 0. */
    public static Gen<Integer> integers(int min, int max) {
        IntegralRange.checkRange("Gens.integers", min, max);
        return c -> (int) IntegralRange.draw(c, min, max);
    }

    /** Longs in {@code [min, max]}, biased toward 0, 1, -1, min and max; shrinks toward 0 or the bound nearest 0. */
    public static Gen<Long> longs(long min, long max) {
        IntegralRange.checkRange("Gens.longs", min, max);
        return c -> IntegralRange.draw(c, min, max);
    }

    /**
     * Finite doubles of any sign and magnitude (from about 1e-300 to 1e300, with 0.0 and -0.0), shrinking toward
     * 0.0 and then toward short decimals; never NaN or infinite.
     */
    public static Gen<Double> doubles() {
        return DoubleRange::any;
    }

    /** Finite doubles in {@code [min, max]}, biased toward min, max and 0; shrinks toward 0 or the bound nearest 0. */
    public static Gen<Double> doubles(double min, double max) {
        DoubleRange.checkRange("Gens.doubles", min, max);
        return c -> DoubleRange.draw(c, min, max);
    }

    /** Arrays of exactly {@code length} doubles in {@code [min, max]}, each shrinking like {@link #doubles(double, double)}. */
    public static Gen<double[]> doubleArrays(int length, double min, double max) {
        if (length < 0) {
            throw new IllegalArgumentException("Gens.doubleArrays needs length >= 0, got " + length);
        }
        DoubleRange.checkRange("Gens.doubleArrays", min, max);
        return c -> {
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = DoubleRange.draw(c, min, max);
            }
            return values;
        };
    }

    /** Booleans; shrinks toward {@code false}. */
    public static Gen<Boolean> booleans() {
        return c -> c.draw(1) == 1;
    }

    /** Always {@code value}; draws nothing. */
    public static <T> Gen<T> constant(T value) {
        return c -> value;
    }

    /** One of the given values, uniformly; shrinks toward the first. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(T... values) {
        // Copying element by element keeps the varargs array from escaping (no heap pollution).
        List<T> list = new ArrayList<>(values.length);
        for (T value : values) {
            list.add(value);
        }
        return elements(list);
    }

    /** One of the given values, uniformly; shrinks toward the first. */
    public static <T> Gen<T> elements(List<? extends T> values) {
        List<T> copy = Collections.unmodifiableList(new ArrayList<T>(values));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("Gens.elements needs at least one value to choose from, got none");
        }
        return c -> copy.get((int) c.draw(copy.size() - 1));
    }

    /** A value from one of the given generators, chosen uniformly; shrinks toward the first generator. */
    @SafeVarargs
    public static <T> Gen<T> oneOfGens(Gen<? extends T>... gens) {
        List<Gen<? extends T>> copy = new ArrayList<>(gens.length);
        for (Gen<? extends T> gen : gens) {
            copy.add(gen);
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("Gens.oneOfGens needs at least one generator, got none");
        }
        return c -> copy.get((int) c.draw(copy.size() - 1)).generate(c);
    }

    /**
     * Unmodifiable lists of {@code minSize} to {@code maxSize} elements (short ones are likely); shrinks by
     * removing elements and by shrinking the remaining ones.
     */
    public static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
        return new ListGen<>(element, minSize, maxSize);
    }

    /** Pairs of independently generated values; shrinks both jointly. */
    public static <A, B> Gen<Tuple2<A, B>> tuples(Gen<A> first, Gen<B> second) {
        return zip(first, second, Tuple2::new);
    }

    /** Triples of independently generated values; shrinks all three jointly. */
    public static <A, B, C> Gen<Tuple3<A, B, C>> tuples(Gen<A> first, Gen<B> second, Gen<C> third) {
        Objects.requireNonNull(third, "third generator");
        return tuples(first, second).flatMap(ab -> third.map(c -> new Tuple3<>(ab.first(), ab.second(), c)));
    }

    /** Values combined from two independently generated values by {@code combine}; shrinks both jointly. */
    public static <A, B, R> Gen<R> zip(Gen<A> first, Gen<B> second, BiFunction<? super A, ? super B, ? extends R> combine) {
        Objects.requireNonNull(first, "first generator");
        Objects.requireNonNull(second, "second generator");
        Objects.requireNonNull(combine, "combine function");
        return c -> {
            A a = first.generate(c);
            return combine.apply(a, second.generate(c));
        };
    }
}
