package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.text.Corpus;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.text.Tokenization;
import dev.unroll.runtime.data.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One predictor shared by several threads gives every call exactly the result it gives alone. */
class PredictorConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 6;

    /** The results of one round of calls, each of a different kind and size. */
    private record Results(List<double[][]> run, String generated, Predictor.Score score, double[] stepped) {
    }

    @Test
    void concurrentCallsGiveTheResultsOfSerialOnes() throws Exception {
        TextData data = TextData.prepare(Corpus.of("tiny", PredictorAgreementTest.TEXT), Preprocessing.LECTURE,
                Tokenization.CHARACTERS, 1, 0);
        ModelDescription d = ModelDescription.languageModel(Architecture.of("lstm", 1, 6), data.vocab().tokens(),
                Dtype.FLOAT64, TokenKind.CHARS, Preprocessing.LECTURE);
        Predictor predictor = Predictor.of(d, ParamStore.initialize(Planner.plan(d.model()), 3), null);
        List<Results> serial = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            serial.add(round(predictor, data.train(), round));
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Results>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS * ROUNDS; i++) {
                int round = i % ROUNDS;
                futures.add(threads.submit(() -> round(predictor, data.train(), round)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertSame(serial.get(i % ROUNDS), futures.get(i).get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Round {@code r}: a run of {@code r + 1} rows of {@code r + 3} tokens, a generation, a score and two steps. */
    private static Results round(Predictor p, int[] ids, int r) {
        List<int[]> rows = PredictorAgreementTest.windows(ids, r + 1, r + 3);
        String prefix = p.decode(java.util.Arrays.copyOfRange(ids, r, r + 4));
        Predictor.Step first = p.step(p.start(), ids[r]);
        return new Results(p.run(rows), p.generate(prefix, 5 + r, r % 2 == 0 ? 0 : 0.8, r),
                p.score(p.decode(java.util.Arrays.copyOfRange(ids, 0, 10 + 3 * r))),
                p.step(first.next(), ids[r + 1]).logits());
    }

    private static void assertSame(Results expected, Results actual) {
        assertEquals(expected.run().size(), actual.run().size());
        for (int i = 0; i < expected.run().size(); i++) {
            for (int t = 0; t < expected.run().get(i).length; t++) {
                assertArrayEquals(expected.run().get(i)[t], actual.run().get(i)[t]);
            }
        }
        assertEquals(expected.generated(), actual.generated());
        assertEquals(expected.score(), actual.score());
        assertArrayEquals(expected.stepped(), actual.stepped());
    }
}
