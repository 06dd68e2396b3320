package dev.unroll.bench;

import dev.unroll.kernels.Team;
import dev.unroll.kernels.TeamBlas;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The float32 products of a step with few rows, on the calling thread alone and split by columns over a team of
 * two ({@link TeamBlas}), in turn: many short rounds of 20 calls each, reporting the fastest round of each side. On a
 * machine shared with other work the fastest round is the one no other process interrupted, so the ratio says what
 * the split gains when both cores are free, which medians under such load do not. Run it from the repository root:
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.unroll.bench.TeamProducts</pre>
 */
public final class TeamProducts {

    private static final int ROUNDS = 3_000;
    private static final int CALLS = 20;

    /** The shapes m × k × n: H = 256 and 128 at B = 1 (a gate, four merged gates), H = 32 merged, H = 256 at B = 32. */
    private static final int[][] SHAPES = {{1, 256, 256}, {1, 256, 1024}, {1, 128, 512}, {1, 32, 128},
        {32, 256, 256}};

    private TeamProducts() {
    }

    public static void main(String[] args) {
        System.out.println(Machine.describe());
        System.out.println("| m×k×n | splits | alone µs | team of 2 µs | speedup | load |");
        System.out.println("|---|---|---:|---:|---:|---|");
        try (Team team = new Team(2)) {
            for (int[] s : SHAPES) {
                row(team, s[0], s[1], s[2]);
            }
        }
    }

    private static void row(Team team, int m, int k, int n) {
        SplittableRandom rng = new SplittableRandom(1);
        float[] a = random(m * k, rng);
        float[] b = random(k * n, rng);
        float[] c = new float[m * n];
        String load = Machine.load();
        double alone = Double.MAX_VALUE;
        double split = Double.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            alone = Math.min(alone, round(Team.alone(), a, b, c, m, k, n));
            split = Math.min(split, round(team, a, b, c, m, k, n));
        }
        boolean splits = (long) m * k * n >= Team.MIN_WORK;
        System.out.printf(Locale.ROOT, "| %d×%d×%d | %s | %.2f | %.2f | %.2f | %s |%n", m, k, n, splits ? "yes" : "no",
                alone, split, alone / split, load);
    }

    /** Microseconds per call over one round. */
    private static double round(Team team, float[] a, float[] b, float[] c, int m, int k, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            TeamBlas.gemmNN(team, a, 0, b, 0, c, 0, m, k, n);
        }
        return (System.nanoTime() - start) / 1e3 / CALLS;
    }

    private static float[] random(int length, SplittableRandom rng) {
        float[] v = new float[length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return v;
    }
}
