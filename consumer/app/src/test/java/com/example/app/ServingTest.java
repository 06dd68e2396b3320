package com.example.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.model.CharModel;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.runtime.PrecompiledKernels;
import dev.unroll.runtime.inference.Predictor;
import dev.unroll.runtime.text.TextData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained for a few epochs, saved, and loaded back with the inference API gives sane predictions. The tests
 * run on a JVM that cannot see javac (the POM's surefire argLine), so every kernel used came precompiled.
 */
class ServingTest {

    private static final int VOCAB = CharModel.vocab().size();

    @TempDir
    static Path dir;

    private static TextData data;
    private static Training.Result trained;
    private static Predictor predictor;

    @BeforeAll
    static void trainSaveAndLoad() {
        data = Training.data(Training.builtInText());
        trained = Training.train(data, Training.config(4, 42));
        Path checkpoint = dir.resolve("charlm.ckpt");
        Training.save(checkpoint, trained.state());
        predictor = Serving.load(checkpoint);
    }

    @Test
    void thisJvmHasNoJavac() {
        assertFalse(PrecompiledKernels.javacPresent(), "the tests run with --limit-modules that leaves out"
                + " jdk.compiler, so no kernel can have been compiled in memory");
    }

    @Test
    void theCheckpointDescribesTheModel() {
        assertEquals(CharModel.description(), predictor.description());
    }

    @Test
    void aStepGivesFiniteLogitsOverTheVocabulary() {
        Predictor.Step step = predictor.step(predictor.start(), predictor.encode("t")[0]);
        assertEquals(VOCAB, step.logits().length);
        for (double logit : step.logits()) {
            assertTrue(Double.isFinite(logit), "logit " + logit);
        }
    }

    @Test
    void steppingAgreesWithRunningTheWholeSequence() {
        int[] ids = predictor.encode("the miller");
        double[][] run = predictor.run(List.of(ids)).get(0);
        Predictor.State state = predictor.start();
        for (int t = 0; t < ids.length; t++) {
            Predictor.Step step = predictor.step(state, ids[t]);
            assertArrayEquals(run[t], step.logits(), 1e-6, "step " + t);
            state = step.next();
        }
    }

    @Test
    void generateContinuesThePrefixByTheRequestedCount() {
        String prefix = "the river ";
        int[] next = predictor.generate(predictor.encode(prefix), 40, 0, 1);
        assertEquals(40, next.length);
        assertEquals(prefix + predictor.decode(next), predictor.generate(prefix, 40, 0, 1));
    }

    @Test
    void theTrainedModelScoresTheHeldOutTextBetterThanGuessingAndThanItsStart() {
        String heldOut = data.decode(data.validation());
        double trainedPerplexity = predictor.score(heldOut).perplexity();
        ParamStore initial = ParamStore.initialize(Planner.plan(CharModel.model()), 42);
        double initialPerplexity = Predictor.of(CharModel.description(), initial, Training.kernels()).score(heldOut)
                .perplexity();
        assertTrue(Double.isFinite(trainedPerplexity) && trainedPerplexity < VOCAB, "perplexity " + trainedPerplexity
                + " below " + VOCAB + ", that of guessing uniformly");
        assertTrue(trainedPerplexity < initialPerplexity, "training lowered the perplexity from "
                + initialPerplexity + " to " + trainedPerplexity);
    }
}
