package dev.unroll.kernels;

/**
 * The matrix products of {@link Blas} as generated kernels call them, with the kernel's {@link Team}: a product
 * large enough for the team ({@link Team#MIN_WORK} multiply-adds, two grains of columns) is split by its output
 * columns over the team's threads, any other runs on the calling thread. Each column is computed by the same
 * arithmetic in the same order either way, so the results do not depend on the team.
 */
public final class TeamBlas {

    private TeamBlas() {
    }

    // twin: begin
    /** {@link Blas#gemmNN}, split by columns over {@code team} when it is large enough. */
    public static void gemmNN(Team team, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m,
                              int k, int n) {
        if (team.splits(m, k, n)) {
            team.split(n, (from, to) -> Blas.gemmNN(a, aOff, b, bOff, c, cOff, m, k, n, from, to));
        } else {
            Blas.gemmNN(a, aOff, b, bOff, c, cOff, m, k, n);
        }
    }

    /** {@link Blas#gemmNT}, split by columns over {@code team} when it is large enough. */
    public static void gemmNT(Team team, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m,
                              int k, int n) {
        if (team.splits(m, k, n)) {
            team.split(n, (from, to) -> Blas.gemmNT(a, aOff, b, bOff, c, cOff, m, k, n, from, to));
        } else {
            Blas.gemmNT(a, aOff, b, bOff, c, cOff, m, k, n);
        }
    }

    /** {@link Blas#gemmTN}, split by columns over {@code team} when it is large enough. */
    public static void gemmTN(Team team, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m,
                              int k, int n) {
        if (team.splits(m, k, n)) {
            team.split(n, (from, to) -> Blas.gemmTN(a, aOff, b, bOff, c, cOff, m, k, n, from, to));
        } else {
            Blas.gemmTN(a, aOff, b, bOff, c, cOff, m, k, n);
        }
    }

    /** {@link Blas#gemmTNSum}, split by columns over {@code team} when it is large enough. */
    public static void gemmTNSum(Team team, double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
                                 double[] c, int cOff, int m, int rows, int steps, int n) {
        if (team.splits(m, rows * steps, n)) {
            team.split(n, (from, to) -> Blas.gemmTNSum(a, aOff, aStride, b, bOff, bStride, c, cOff, m, rows, steps,
                    n, from, to));
        } else {
            Blas.gemmTNSum(a, aOff, aStride, b, bOff, bStride, c, cOff, m, rows, steps, n);
        }
    }
    // twin: end
}
