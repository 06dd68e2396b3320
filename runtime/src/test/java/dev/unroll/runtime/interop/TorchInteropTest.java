package dev.unroll.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.compiler.model.ProgramExecutor;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.checkpoint.NpzReader;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.model.CompiledProgram;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PyTorch models' weights give PyTorch's logits in Unroll. The fixtures are written by
 * {@code peers/torch_interop.py}: each a state dict of an {@code nn.Embedding}, a two-layer recurrent module and an
 * output {@code nn.Linear}, with input tokens and PyTorch's logits in float32 and, from the same weights, float64.
 *
 * <p>float32 must agree to 1e-6, the acceptance bound. float64 must agree to 1e-12: both sides then compute the
 * same function of the same (float32-valued) weights in double precision, and the logits, of magnitude about 1,
 * pass through some 40 rounded dot products, tanh and sigmoid per step over 8 steps and 2 layers, so the two
 * differ by some hundred ulps of 1 (2.2e-16 each) at most; anything near 1e-12 would be a mapping error, which
 * shows at 1e-2.
 */
class TorchInteropTest {

    private static final int VOCAB = 10;
    private static final int EMBEDDING = 6;
    private static final int HIDDEN = 8;
    private static final int LAYERS = 2;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm, LSTM, false", "gru, GRU, false", "lstm-bidirectional, LSTM, true",
        "gru-bidirectional, GRU, true", "rnn, RNN, false"})
    void unrollRepeatsPyTorchsLogits(String name, TorchCell cell, boolean bidirectional) throws Exception {
        Program program = Planner.plan(Model.of(Encoding.embedding(VOCAB, EMBEDDING))
                .layers(LAYERS, cell.layer(HIDDEN, bidirectional))
                .head(Head.everyStep(VOCAB))
                .build());
        Path stateDict = fixture(name + ".npz");
        NpzReader.Contents contents = NpzReader.contents(stateDict);
        ParamStore params = TorchImport.params(program, cell, contents.numbers(), stateDict.toString());
        Map<String, ShapedArray> check = NpzReader.read(fixture(name + "-check.npz"));
        double float32 = maxDifference(program, params, Options.float32(), check, "logits");
        double float64 = maxDifference(program, params, Options.float64(), check, "logits64");
        // The figures of docs/INTEROP.md; the build runs the suite with plain and with vector kernels.
        System.out.printf("%-20s %s kernels: float32 %.2e  float64 %.2e%n", name,
                Boolean.getBoolean("unroll.test.vector") ? "vector" : "plain", float32, float64);
        assertTrue(float32 <= 1e-6, name + " float32 differs by " + float32);
        assertTrue(float64 <= 1e-12, name + " float64 differs by " + float64);
        assertEquals(VOCAB, contents.texts().get("vocab").size(), "the state dict carries its vocabulary");
    }

    /** The largest |Unroll − PyTorch| over every logit of the fixture's batch, with kernels of {@code options}. */
    private static double maxDifference(Program program, ParamStore params, Options options,
                                        Map<String, ShapedArray> check, String expected) {
        ShapedArray tokens = check.get("tokens");
        ShapedArray logits = check.get(expected);
        int steps = tokens.shape()[0];
        int batch = tokens.shape()[1];
        assertArrayEquals(new int[] {steps, batch, VOCAB}, logits.shape());
        ProgramExecutor executor = CompiledProgram.compile(program, options.maxSteps(steps).maxBatch(batch))
                .newExecutor();
        executor.setParameters(params);
        double[][] x = new double[steps][batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                x[t][b] = tokens.get(t * batch + b);
            }
        }
        executor.forward(x, new double[steps][batch], Map.of(), batch);
        double max = 0;
        for (int t = 0; t < steps; t++) {
            double[] out = executor.output(t);
            for (int i = 0; i < batch * VOCAB; i++) {
                max = Math.max(max, Math.abs(out[i] - logits.get(t * batch * VOCAB + i)));
            }
        }
        return max;
    }

    static Path fixture(String file) throws URISyntaxException {
        return Path.of(TorchInteropTest.class.getResource(file).toURI());
    }
}
