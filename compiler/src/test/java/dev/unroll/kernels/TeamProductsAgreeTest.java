package dev.unroll.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A product split by columns over a team is bit-identical to the unsplit product, on the vector path and on the
 * plain one, in float64 and float32, for every layout and for the sum over steps; a team covers every column once.
 */
class TeamProductsAgreeTest {

    // Thresholds of 0 split every product of two grains of columns or more, so small shapes exercise the split.
    private static final Team PAIR = new Team(2, 0);
    private static final Team TRIO = new Team(3, 0);

    @AfterAll
    static void closeTeams() {
        PAIR.close();
        TRIO.close();
    }

    static Gen<BlasPropertyTest.Shape> shapes() {
        return c -> new BlasPropertyTest.Shape(Gens.integers(1, 12).generate(c), Gens.integers(1, 40).generate(c),
                Gens.integers(1, 200).generate(c), Gens.integers(0, 3).generate(c),
                Gens.longs(0, 1_000_000).generate(c));
    }

    @Property(tries = 120, seed = "20261208")
    void splitProductsEqualWholeOnesBitForBit(@ForAll("shapes") BlasPropertyTest.Shape s) {
        for (Team team : new Team[] {PAIR, TRIO}) {
            for (BlasProducts layout : BlasProducts.values()) {
                Operands<double[]> x = Operands.doubles(s, layout);
                double[] whole = x.c().clone();
                double[] split = x.c().clone();
                run(layout, Team.alone(), x.a(), x.b(), whole, s);
                run(layout, team, x.a(), x.b(), split, s);
                assertArrayEquals(whole, split, layout + " " + s + " over " + team.threads() + " threads");
                Operands<float[]> f = Operands.floats(s, layout);
                float[] wholeF = f.c().clone();
                float[] splitF = f.c().clone();
                run(layout, Team.alone(), f.a(), f.b(), wholeF, s);
                run(layout, team, f.a(), f.b(), splitF, s);
                assertArrayEquals(wholeF, splitF, layout + " float32 " + s + " over " + team.threads() + " threads");
            }
        }
    }

    /** Contiguous blocks and blocks with unused rows between them, added into C. */
    @Property(tries = 60, seed = "20261209")
    void splitSumsOverStepsEqualWholeOnes(@ForAll("shapes") BlasPropertyTest.Shape s) {
        int steps = 1 + s.offset();
        for (int slack : new int[] {0, 2}) {
            SplittableRandom rng = new SplittableRandom(s.seed());
            int aStride = (s.k() + slack) * s.m();
            int bStride = (s.k() + slack) * s.n();
            double[] a = Operands.random(steps * aStride, rng);
            double[] b = Operands.random(steps * bStride, rng);
            double[] whole = Operands.random(s.m() * s.n(), rng);
            double[] split = whole.clone();
            TeamBlas.gemmTNSum(Team.alone(), a, 0, aStride, b, 0, bStride, whole, 0, s.m(), s.k(), steps, s.n());
            TeamBlas.gemmTNSum(PAIR, a, 0, aStride, b, 0, bStride, split, 0, s.m(), s.k(), steps, s.n());
            assertArrayEquals(whole, split, s + " slack " + slack);
            float[] wholeF = Operands.narrow(Operands.random(s.m() * s.n(), rng));
            float[] splitF = wholeF.clone();
            float[] af = Operands.narrow(a);
            float[] bf = Operands.narrow(b);
            TeamBlas.gemmTNSum(Team.alone(), af, 0, aStride, bf, 0, bStride, wholeF, 0, s.m(), s.k(), steps, s.n());
            TeamBlas.gemmTNSum(TRIO, af, 0, aStride, bf, 0, bStride, splitF, 0, s.m(), s.k(), steps, s.n());
            assertArrayEquals(wholeF, splitF, "float32 " + s + " slack " + slack);
        }
    }

    /** The plain path, which runs without the vector module, computes a part of the columns as the whole does. */
    @Property(tries = 80, seed = "20261210")
    void plainColumnPartsEqualTheWholePlainProduct(@ForAll("shapes") BlasPropertyTest.Shape s) {
        int cut = s.n() / 3;
        for (BlasProducts layout : BlasProducts.values()) {
            Operands<double[]> x = Operands.doubles(s, layout);
            double[] whole = x.c().clone();
            double[] parts = x.c().clone();
            plain(layout, x, whole, 0, s.n());
            plain(layout, x, parts, cut, s.n());
            plain(layout, x, parts, 0, cut);
            assertArrayEquals(whole, parts, layout + " " + s + " cut at " + cut);
        }
    }

    @Test
    void aTeamCoversEveryColumnOnceAndSplitsOnlyLargeProducts() {
        for (int n : new int[] {32, 33, 100, 1024}) {
            int[] seen = new int[n];
            TRIO.split(n, (from, to) -> {
                assertEquals(0, from % Team.GRAIN, "a part starts inside a grain: " + from);
                for (int j = from; j < to; j++) {
                    seen[j]++;
                }
            });
            for (int j = 0; j < n; j++) {
                assertEquals(1, seen[j], "column " + j + " of " + n);
            }
        }
        try (Team team = new Team(2)) {
            assertTrue(team.splits(1, 256, 256));
            assertFalse(team.splits(1, 255, 256), "below Team.MIN_WORK");
            assertFalse(team.splits(4096, 4096, 2 * Team.GRAIN - 1), "fewer than two grains of columns");
        }
        assertFalse(Team.alone().splits(1 << 20, 1 << 20, 1 << 20));
        Team.alone().close();
        assertSame(Team.alone(), Team.alone());
    }

    @Test
    void aFailingPartSurfacesOnTheCallerAndAClosedTeamRefusesWork() {
        Team team = new Team(2, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.split(64, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("part at " + from);
            }
        }));
        assertEquals("part at 32", e.getMessage());
        team.close();
        KernelException closed = assertThrows(KernelException.class, () -> team.split(64, (from, to) -> { }));
        assertEquals("this team of 2 threads is closed; give the kernel an open team or Team.alone()",
                closed.getMessage());
        KernelException bad = assertThrows(KernelException.class, () -> new Team(0, 0));
        assertEquals("a team needs at least one thread and a work threshold ≥ 0, got 0 threads and 0; use"
                + " Team.alone() for no helpers", bad.getMessage());
    }

    private static void run(BlasProducts layout, Team team, double[] a, double[] b, double[] c,
                            BlasPropertyTest.Shape s) {
        int o = s.offset();
        switch (layout) {
            case NN -> TeamBlas.gemmNN(team, a, o, b, o, c, o, s.m(), s.k(), s.n());
            case NT -> TeamBlas.gemmNT(team, a, o, b, o, c, o, s.m(), s.k(), s.n());
            case TN -> TeamBlas.gemmTN(team, a, o, b, o, c, o, s.m(), s.k(), s.n());
        }
    }

    private static void run(BlasProducts layout, Team team, float[] a, float[] b, float[] c,
                            BlasPropertyTest.Shape s) {
        int o = s.offset();
        switch (layout) {
            case NN -> TeamBlas.gemmNN(team, a, o, b, o, c, o, s.m(), s.k(), s.n());
            case NT -> TeamBlas.gemmNT(team, a, o, b, o, c, o, s.m(), s.k(), s.n());
            case TN -> TeamBlas.gemmTN(team, a, o, b, o, c, o, s.m(), s.k(), s.n());
        }
    }

    private static void plain(BlasProducts layout, Operands<double[]> x, double[] c, int from, int to) {
        BlasPropertyTest.Shape s = x.shape();
        int o = s.offset();
        switch (layout) {
            case NN -> PlainBlas.gemmNN(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), from, to);
            case NT -> PlainBlas.gemmNT(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), from, to);
            case TN -> PlainBlas.gemmTN(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), false, from, to);
        }
    }
}
