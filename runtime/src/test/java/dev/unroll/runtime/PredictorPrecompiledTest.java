package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.inference.ModelDescription;
import dev.unroll.runtime.inference.Predictor;
import dev.unroll.runtime.model.CompiledProgram;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictor given kernels generated ahead of time runs them: with this model's kernels it computes what the
 * in-memory kernels compute, and a kernel generated for another model, or too small for a call, is refused.
 */
class PredictorPrecompiledTest {

    private static final String PACKAGE = "com.example.predictor.kernels";
    private static final List<String> VOCAB = List.of("<unk>", " ", "a", "b", "c");

    @TempDir
    Path dir;

    private Path checkpoint(int hidden) {
        ModelDescription d = ModelDescription.languageModel("gru", 1, hidden, VOCAB);
        Path file = dir.resolve("gru" + hidden + ".ckpt");
        ModelCheckpoint.save(file, d, ParamStore.initialize(Planner.plan(d.model()), 3));
        return file;
    }

    private PrecompiledKernels kernelsOf(int hidden, String folder) {
        ModelDescription d = ModelDescription.languageModel("gru", 1, hidden, VOCAB);
        Options options = Options.float32().maxSteps(8).maxBatch(2).packageName(PACKAGE);
        return PrecompiledKernels.of(PACKAGE, AotBuild.compile(CompiledProgram.aheadOfTime(Planner.plan(d.model()),
                options, "test"), dir.resolve(folder)));
    }

    @Test
    void precompiledKernelsGiveTheInMemoryResults() {
        Path file = checkpoint(4);
        Predictor deployed = Predictor.load(file, kernelsOf(4, "own"));
        Predictor inMemory = Predictor.load(file);
        List<int[]> rows = List.of(new int[] {2, 3, 1, 4}, new int[] {3, 3, 2, 1});
        for (int r = 0; r < rows.size(); r++) {
            for (int t = 0; t < 4; t++) {
                assertArrayEquals(inMemory.run(rows).get(r)[t], deployed.run(rows).get(r)[t]);
            }
        }
        assertEquals(inMemory.generate("abc ", 10, 0.5, 7), deployed.generate("abc ", 10, 0.5, 7));
        String tooLarge = assertThrows(UnrollException.class, () -> deployed.run(List.of(new int[9]))).getMessage();
        assertTrue(tooLarge.contains("holds at most 8 steps of 2 rows, but this run needs 9 steps of 1 rows"),
                tooLarge);
    }

    @Test
    void aKernelOfAnotherModelIsRefused() {
        Predictor foreign = Predictor.load(checkpoint(4), kernelsOf(5, "other"));
        String message = assertThrows(UnrollException.class, () -> foreign.generate("ab", 3, 0, 1)).getMessage();
        assertTrue(message.contains("does not match this model") && message.contains("Regenerate the kernels with"),
                message);
    }
}
