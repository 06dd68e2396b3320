package dev.unroll.bench;

import dev.unroll.compiler.passes.schedule.DeferWeightGradients;
import dev.unroll.compiler.passes.schedule.MergeProducts;
import dev.unroll.kernels.Blas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Unroll's matrix products ({@link Blas}) against {@code numpy.matmul} on OpenBLAS, both on one thread, on the
 * products of an LSTM training step (V = 28, T = 35) at H ∈ {256, 32} and B ∈ {32, 1}, float32 and float64, rounds
 * interleaved: GFLOP/s = 2·m·k·n / time, and the ratio.
 */
final class GemmPeers {

    /** One product {@code C[m×n]} in a layout (nn: A·B, tn: Aᵀ·B) and what it computes in the step. */
    record Product(String what, String layout, int m, int k, int n) {
    }

    private static final double SECONDS = 0.5;

    private final PeerTable.Settings settings;
    private final Peer peer;

    GemmPeers(PeerTable.Settings settings, Peer peer) {
        this.settings = settings;
        this.peer = peer;
    }

    /**
     * The products of one LSTM training step as the passes compile it: the gate products merged into one of width
     * 4H while the recurrent weights have at most {@link MergeProducts#LIMIT} values (H ≤ 128), the input projection
     * hoisted over all T·B rows, the backward {@code d·Wᵀ} on weights transposed once per pass, and the recurrent
     * weight gradient deferred to one product over T·B rows when B ≤ {@link DeferWeightGradients#MAX_BATCH}, per step
     * otherwise.
     */
    static List<Product> products(int hidden, int batch) {
        int g = 4 * hidden * hidden <= MergeProducts.LIMIT ? 4 * hidden : hidden;
        int rows = Workload.STEPS * batch;
        List<Product> out = new ArrayList<>();
        out.add(new Product("input projection x·W", "nn", rows, Workload.VOCAB, g));
        out.add(new Product("gate h·W", "nn", batch, hidden, g));
        out.add(new Product("gate gradient d·Wᵀ", "nn", batch, g, hidden));
        out.add(new Product("weight gradient hᵀ·d", "tn", hidden, batch <= DeferWeightGradients.MAX_BATCH ? rows : batch, g));
        out.add(new Product("head h·W", "nn", rows, hidden, Workload.VOCAB));
        return out;
    }

    void run() {
        System.out.printf("%n### Matrix products against numpy.matmul (OpenBLAS), one thread (%d rounds of %.1f s each"
                + " side, interleaved)%n%n", settings.rounds(), SECONDS);
        System.out.println("| H | B | product | layout | m×k×n | dtype | Unroll GFLOP/s | OpenBLAS GFLOP/s | ratio"
                + " (paired rounds) | load |");
        System.out.println("|---:|---:|---|---|---|---|---:|---:|---:|---|");
        for (String dtype : new String[] {"float32", "float64"}) {
            for (int hidden : new int[] {256, 32}) {
                for (int batch : new int[] {32, 1}) {
                    for (Product p : products(hidden, batch)) {
                        row(hidden, batch, p, dtype);
                    }
                }
            }
        }
    }

    private void row(int hidden, int batch, Product p, String dtype) {
        String load = Machine.load();
        Operands ours = new Operands(p, "float32".equals(dtype));
        Interleaved m = Interleaved.measure(settings.rounds(), ours::round, peer == null ? null : () -> peer.ask(
                String.format(Locale.ROOT, "gemm %s %d %d %d %s %.2f", p.layout(), p.m(), p.k(), p.n(), dtype,
                        SECONDS)));
        System.out.printf(Locale.ROOT, "| %d | %d | %s | %s | %d×%d×%d | %s | %.1f | %s | %s | %s |%n", hidden, batch,
                p.what(), p.layout(), p.m(), p.k(), p.n(), dtype, m.oursMedian(),
                peer == null ? "" : String.format(Locale.ROOT, "%.1f", m.theirsMedian()), m.ratio(), load);
    }

    /** Random operands of one product, and rounds of it. */
    private static final class Operands {

        private final Product p;
        private final boolean single;
        private final double[] ad;
        private final double[] bd;
        private final double[] cd;
        private final float[] af;
        private final float[] bf;
        private final float[] cf;

        Operands(Product p, boolean single) {
            this.p = p;
            this.single = single;
            SplittableRandom rng = new SplittableRandom(1);
            ad = rng.doubles((long) p.m() * p.k(), -1, 1).toArray();
            bd = rng.doubles((long) p.k() * p.n(), -1, 1).toArray();
            cd = new double[p.m() * p.n()];
            af = toFloat(ad);
            bf = toFloat(bd);
            cf = new float[cd.length];
        }

        /** GFLOP/s of products run for at least a round's length. */
        double round() {
            long start = System.nanoTime();
            long count = 0;
            double elapsed;
            do {
                product();
                count++;
                elapsed = (System.nanoTime() - start) / 1e9;
            } while (elapsed < SECONDS);
            return 2.0 * p.m() * p.k() * p.n() * count / elapsed / 1e9;
        }

        private void product() {
            boolean tn = "tn".equals(p.layout());
            if (single && tn) {
                Blas.gemmTN(af, 0, bf, 0, cf, 0, p.m(), p.k(), p.n());
            } else if (single) {
                Blas.gemmNN(af, 0, bf, 0, cf, 0, p.m(), p.k(), p.n());
            } else if (tn) {
                Blas.gemmTN(ad, 0, bd, 0, cd, 0, p.m(), p.k(), p.n());
            } else {
                Blas.gemmNN(ad, 0, bd, 0, cd, 0, p.m(), p.k(), p.n());
            }
        }

        private static float[] toFloat(double[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
            }
            return out;
        }
    }
}
