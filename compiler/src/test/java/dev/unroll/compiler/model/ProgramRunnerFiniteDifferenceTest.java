package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.interp.Mat;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.model.ParamStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgramRunnerFiniteDifferenceTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("lstm x2", Model.of(Encoding.oneHot(5)).layers(2, Layer.lstm(3)).head(Head.everyStep(5)).build()),
                Arguments.of("bi-gru", Model.of(Encoding.oneHot(5)).layer(Layer.gru(3).bidirectional()).head(Head.everyStep(5)).build()),
                Arguments.of("bi-rnn x2 emb", Model.of(Encoding.embedding(5, 2)).layers(2, Layer.rnn(3).bidirectional())
                        .head(Head.lastStep(5)).initialState(InitialState.LEARNED).build()),
                Arguments.of("rnn, bi-lstm, mse", Model.of(Encoding.features(2)).layer(Layer.rnn(3)).layer(Layer.lstm(2).bidirectional())
                        .head(Head.none()).loss(Loss.MEAN_SQUARED_ERROR).initialState(InitialState.LEARNED).build()),
                Arguments.of("ln-lstm x2", Model.of(Encoding.oneHot(5)).layers(2, Layer.layerNormLstm(3)).head(Head.everyStep(5)).build()),
                Arguments.of("bi-ln-gru, bi-ln-lstm", Model.of(Encoding.features(2)).layer(Layer.layerNormGru(2).bidirectional())
                        .layer(Layer.layerNormLstm(2).bidirectional()).head(Head.lastStep(5)).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientsMatchCentralDifferences(String name, Model model) {
        Program program = Planner.plan(model);
        Random rng = new Random(3);
        int steps = 3;
        int batch = 2;
        List<Mat> x = new ArrayList<>();
        List<Mat> y = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            x.add(model.encoding().tokens() ? tokens(batch, 5, rng) : gauss(batch, 2, rng));
            y.add(model.loss() == Loss.SOFTMAX_CROSS_ENTROPY ? tokens(batch, 5, rng) : gauss(batch, 4, rng));
        }
        Map<String, Mat> params = perturb(ParamStore.initialize(program, 11).mats(), rng);
        double[] carry = Truncation.full().carry(steps, 0);
        ProgramRunner.Result r = ProgramRunner.run(program, x, y, Map.of(), params, carry);
        double worst = 0;
        for (Map.Entry<String, Mat> e : params.entrySet()) {
            double[] d = e.getValue().data();
            double[] g = r.paramGrads().get(e.getKey()).data();
            for (int i = 0; i < d.length; i++) {
                double keep = d[i];
                d[i] = keep + 1e-6;
                double up = ProgramRunner.run(program, x, y, Map.of(), with(params, e.getKey(), e.getValue(), d), carry).loss();
                d[i] = keep - 1e-6;
                double down = ProgramRunner.run(program, x, y, Map.of(), with(params, e.getKey(), e.getValue(), d), carry).loss();
                d[i] = keep;
                double numeric = (up - down) / 2e-6;
                double err = Math.abs(numeric - g[i]) / Math.max(1e-4, Math.abs(numeric) + Math.abs(g[i]));
                worst = Math.max(worst, err);
                assertTrue(err < 1e-5, name + " " + e.getKey() + "[" + i + "]: analytic " + g[i] + " numeric " + numeric);
            }
        }
    }

    private static Map<String, Mat> perturb(Map<String, Mat> params, Random rng) {
        Map<String, Mat> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            double[] d = v.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += 0.3 * rng.nextGaussian();
            }
            out.put(k, Mat.of(v.rows(), v.cols(), d));
        });
        return out;
    }

    private static Map<String, Mat> with(Map<String, Mat> m, String k, Mat like, double[] d) {
        Map<String, Mat> out = new LinkedHashMap<>(m);
        out.put(k, Mat.of(like.rows(), like.cols(), d));
        return out;
    }

    private static Mat tokens(int rows, int vocab, Random rng) {
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            d[i] = rng.nextInt(vocab);
        }
        return Mat.of(rows, 1, d);
    }

    private static Mat gauss(int r, int c, Random rng) {
        double[] d = new double[r * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Mat.of(r, c, d);
    }
}
