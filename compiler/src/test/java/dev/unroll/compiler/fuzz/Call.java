package dev.unroll.compiler.fuzz;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.List;

/**
 * One random call of the fuzz: which call ({@code kind}, taken modulo the size of a catalog), sizes, picks among
 * the things made so far, names, a number and a source file, each drawn mostly valid with rare hostile values.
 */
record Call(int kind, int a, int b, int c, int pick, int pick2, String name, String name2, double number, String file) {

    /** Names users could write, names the compiler derives, and names that must be rejected. */
    static final List<String> NAMES = List.of(
            "", "1x", "a__b", "class", "x;y", "/*", "*/", "é", "a\nb", "x\\u000ay", "h\n System.exit(1); //",
            "W */ static { System.exit(1); } /** x", "x".repeat(300), "d__x", "x__t0", "_", "null");

    /** Sizes: mostly small, rarely zero, negative, huge or overflowing when multiplied (46341² > 2³¹). */
    static final List<Integer> SIZES = List.of(0, -1, -7, Integer.MIN_VALUE, Integer.MAX_VALUE, 46_341, 65_536);

    static final List<Double> NUMBERS = List.of(0.0, 1.5, -2.0, 1e300, -1e308, 1e308, Double.MAX_VALUE,
            Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    static final List<String> FILES = List.of("Cell.java", "Evil */ static {} /*.java", "a\nb.java", "\\u000a.java",
            "\u2028.java", "");

    static Gen<Call> calls() {
        Gen<String> good = Gens.zip(Gens.oneOf("x", "h", "c", "W", "b", "y", "g", "i", "z", "a_b"),
                Gens.integers(0, 9), (n, i) -> i == 0 ? n : n + i);
        Gen<String> name = mostly(good, Gens.oneOfGens(Gens.elements(NAMES), Gens.constant(null)));
        Gen<Integer> size = mostly(Gens.integers(1, 3), Gens.elements(SIZES));
        Gen<Integer> pick = Gens.integers(0, 1_000);
        Gen<Integer> kind = Gens.integers(0, 64 * 40 - 1);
        Gen<Double> number = mostly(Gens.doubles(-3, 3), Gens.elements(NUMBERS));
        Gen<String> file = mostly(Gens.constant("Cell.java"), Gens.oneOfGens(Gens.elements(FILES),
                Gens.constant(null)));
        return c -> new Call(kind.generate(c), size.generate(c), size.generate(c), size.generate(c), pick.generate(c),
                pick.generate(c), name.generate(c), name.generate(c), number.generate(c), file.generate(c));
    }

    /** {@code usual} nine times in ten, else {@code rare}; shrinks toward {@code usual}. */
    static <T> Gen<T> mostly(Gen<T> usual, Gen<T> rare) {
        return c -> c.draw(9) < 9 ? usual.generate(c) : rare.generate(c);
    }

    /**
     * An op drawn from the high part of {@code kind} (the low part picks the call): mostly a leaf op when
     * {@code leaf}, else mostly another; one time in ten any op, one time in forty null.
     */
    Op op(boolean leaf) {
        int i = kind / 64;
        int leaves = 4;
        int count = Op.values().length;
        return switch (Math.floorMod(i, 40)) {
            case 39 -> null;
            case 0, 1, 2, 3 -> Op.values()[Math.floorMod(pick2, count)];
            default -> Op.values()[leaf ? Math.floorMod(i, leaves) : leaves + Math.floorMod(i, count - leaves)];
        };
    }

    /** A shape from the sizes, batched or fixed, or null for one pick in twenty. */
    Shape shape() {
        return switch (Math.floorMod(pick2, 20)) {
            case 0 -> null;
            case 1, 2, 3, 4, 5, 6, 7, 8, 9 -> Shape.batch(a);
            default -> Shape.of(b, a);
        };
    }

    /** The source location of this call's file, at line {@code pick}. */
    SourceLocation where() {
        return file == null ? null : new SourceLocation(file, pick);
    }

    /** The element at {@code index} modulo the count, or null when there are none. */
    static <T> T pick(List<T> items, int index) {
        return items.isEmpty() ? null : items.get(Math.floorMod(index, items.size()));
    }
}
