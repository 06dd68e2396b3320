package dev.unroll.compiler.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.interp.ParamInit;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.inspect.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BpttSmokeTest {

    @Test
    void lstmLossGradientMatchesFiniteDifferences() {
        Cell lstm = LossCell.attach(Cells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR);
        Adjoint adj = Autodiff.adjoint(lstm, List.of(LossCell.LOSS));
        System.out.println(Listing.of(adj.cell()));
        Random rng = new Random(1);
        List<Map<String, Mat>> xs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            xs.add(Map.of("x", rand(2, 3, rng), "target__y", rand(2, 4, rng)));
        }
        Map<String, Mat> h0 = Map.of("h", rand(2, 4, rng), "c", rand(2, 4, rng));
        Map<String, Mat> params = ParamInit.initialize(lstm, 7);
        double[] carry = Truncation.full().carry(4, 0);
        Bptt.LossResult r = Bptt.loss(adj, xs, h0, params, carry);
        Mat g = r.result().gradients().params().get("W_hf");
        double eps = 1e-6;
        for (int i = 0; i < 16; i++) {
            double[] d = params.get("W_hf").data();
            d[i] += eps;
            double up = Bptt.loss(adj, xs, h0, with(params, "W_hf", Mat.of(4, 4, d)), carry).loss();
            d[i] -= 2 * eps;
            double down = Bptt.loss(adj, xs, h0, with(params, "W_hf", Mat.of(4, 4, d)), carry).loss();
            assertEquals((up - down) / (2 * eps), g.data()[i], 1e-8);
        }
    }

    private static Map<String, Mat> with(Map<String, Mat> m, String k, Mat v) {
        Map<String, Mat> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }

    private static Mat rand(int r, int c, Random rng) {
        double[] d = new double[r * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Mat.of(r, c, d);
    }
}
