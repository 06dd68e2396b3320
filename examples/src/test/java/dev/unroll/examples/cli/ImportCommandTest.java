package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.ParamRef;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.runtime.checkpoint.Npz;
import dev.unroll.runtime.checkpoint.ShapedArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unroll import} end to end on a state dict laid out as PyTorch names it (module prefixes {@code rnn.} and
 * {@code fc.}, one-hot inputs): where each block lands, that generate runs on the checkpoint, and the errors.
 */
class ImportCommandTest {

    private static final List<String> VOCAB = List.of("<unk>", " ", "a", "b");
    private static final int V = VOCAB.size();
    private static final int H = 3;

    @TempDir
    Path dir;

    /** nn.LSTM(V, H) and nn.Linear(H, V) with random weights, and the vocabulary. */
    private static Map<String, ShapedArray> lstmStateDict() {
        Random random = new Random(5);
        Map<String, ShapedArray> d = new LinkedHashMap<>();
        d.put("rnn.weight_ih_l0", random(random, 4 * H, V));
        d.put("rnn.weight_hh_l0", random(random, 4 * H, H));
        d.put("rnn.bias_ih_l0", ShapedArray.vector(random(random, 1, 4 * H).values()));
        d.put("rnn.bias_hh_l0", ShapedArray.vector(random(random, 1, 4 * H).values()));
        d.put("fc.weight", random(random, V, H));
        d.put("fc.bias", ShapedArray.vector(random(random, 1, V).values()));
        return d;
    }

    private static ShapedArray random(Random random, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return ShapedArray.matrix(rows, cols, v);
    }

    private Path write(Map<String, ShapedArray> stateDict) {
        Path file = dir.resolve("state.npz");
        Npz.write(file, stateDict, Map.of("vocab", VOCAB));
        return file;
    }

    private CliRun importLstm(Map<String, ShapedArray> stateDict, String... more) {
        List<String> args = new ArrayList<>(List.of("import", "--torch", write(stateDict).toString(),
                "--checkpoint", dir.resolve("m.ckpt").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--hidden")) {
            args.addAll(List.of("--hidden", Integer.toString(H)));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void gateBlocksAreTransposedIntoPlaceAndTheBiasesSummed() {
        Map<String, ShapedArray> d = lstmStateDict();
        CliRun run = importLstm(d, "--cell", "lstm");
        assertEquals(0, run.code(), run.err());
        ParamStore p = LmCheckpoint.read(dir.resolve("m.ckpt")).params();
        // PyTorch's blocks are i, f, g, o: the third is Unroll's input node c.
        double[] wxc = p.values(ParamRef.weight("l0", "W_xc"));
        for (int in = 0; in < V; in++) {
            for (int j = 0; j < H; j++) {
                assertEquals(d.get("rnn.weight_ih_l0").get((2 * H + j) * V + in), wxc[in * H + j]);
            }
        }
        double[] bf = p.values(ParamRef.weight("l0", "b_f"));
        for (int j = 0; j < H; j++) {
            assertEquals(d.get("rnn.bias_ih_l0").get(H + j) + d.get("rnn.bias_hh_l0").get(H + j), bf[j]);
        }
        double[] whq = p.values(ParamRef.weight("", "W_hq"));
        assertEquals(d.get("fc.weight").get(2 * H + 1), whq[V + 2], "W_hq[1][2] is fc.weight[2][1]");
        assertArrayEquals(d.get("fc.bias").values(), p.values(ParamRef.weight("", "b_q")));
        CliRun generated = CliRun.of("generate", "--checkpoint", dir.resolve("m.ckpt").toString(), "--prefix", "ab",
                "--generate", "4");
        assertEquals(0, generated.code(), generated.err());
        assertTrue(generated.out().startsWith("ab") && generated.out().strip().length() == 6, generated.out());
    }

    @Test
    void anEmbeddedGruImportsIntoGruTorchAndGenerates() {
        Random random = new Random(9);
        Map<String, ShapedArray> d = new LinkedHashMap<>();
        d.put("model.embed.weight", random(random, V, 2));
        d.put("model.gru.weight_ih_l0", random(random, 3 * H, 2));
        d.put("model.gru.weight_hh_l0", random(random, 3 * H, H));
        d.put("model.gru.bias_ih_l0", ShapedArray.vector(random(random, 1, 3 * H).values()));
        d.put("model.gru.bias_hh_l0", ShapedArray.vector(random(random, 1, 3 * H).values()));
        d.put("model.out.weight", random(random, V, H));
        d.put("model.out.bias", ShapedArray.vector(random(random, 1, V).values()));
        CliRun run = importLstm(d, "--cell", "gru-torch", "--embedding", "2");
        assertEquals(0, run.code(), run.err());
        ParamStore p = LmCheckpoint.read(dir.resolve("m.ckpt")).params();
        assertArrayEquals(d.get("model.embed.weight").values(), p.values(ParamRef.weight("", "W_emb")));
        // n keeps its two biases apart: b_hn sits inside the reset gate's product.
        assertEquals(d.get("model.gru.bias_hh_l0").get(2 * H), p.values(ParamRef.weight("l0", "b_hn"))[0]);
        assertEquals(d.get("model.gru.bias_ih_l0").get(2 * H), p.values(ParamRef.weight("l0", "b_xn"))[0]);
        CliRun generated = CliRun.of("generate", "--checkpoint", dir.resolve("m.ckpt").toString(), "--prefix", "ba",
                "--generate", "3");
        assertEquals(0, generated.code(), generated.err());
        assertTrue(generated.out().startsWith("ba"), generated.out());
    }

    @Test
    void aMissingKeyAWrongShapeAndUnknownKeysAreNamed() {
        Map<String, ShapedArray> missing = lstmStateDict();
        missing.remove("rnn.bias_hh_l0");
        String file = dir.resolve("state.npz").toString();
        assertEquals("unroll import: --torch " + file + " has no key 'rnn.bias_hh_l0'; nn.LSTM layer l0 of 4 gates"
                + " (i, f, g, o) × 3 hidden needs it with shape [12]; export the state dict of a PyTorch model of the"
                + " same layers, sizes and directions (its keys are [rnn.weight_ih_l0, rnn.weight_hh_l0,"
                + " rnn.bias_ih_l0, fc.weight, fc.bias]) (the model: 1-layer lstm, 3 hidden, vocabulary 4)",
                importLstm(missing, "--cell", "lstm").err().strip());
        String shape = importLstm(lstmStateDict(), "--cell", "lstm", "--hidden", "2").err();
        assertTrue(shape.contains("'rnn.weight_ih_l0' has shape [12, 4], but nn.LSTM layer l0 of 4 gates (i, f, g,"
                + " o) × 2 hidden and 4 inputs needs it with shape [8, 4]; give the model the PyTorch module's"
                + " sizes"), shape);
        Map<String, ShapedArray> extra = lstmStateDict();
        extra.put("rnn.weight_hr_l0", ShapedArray.matrix(1, 1, 0));
        String unknown = importLstm(extra, "--cell", "lstm").err();
        assertTrue(unknown.contains(" has keys the model has no place for: [rnn.weight_hr_l0]; "), unknown);
    }

    @Test
    void cellsWithoutAMappingAreRefused() {
        assertEquals("unroll import: --cell gru is d2l's GRU, (R ⊙ H) W_hh inside the candidate, which computes"
                + " another function than nn.GRU, R ⊙ (H W_hn + b_hn); import nn.GRU weights with --cell gru-torch",
                importLstm(lstmStateDict(), "--cell", "gru").err().strip());
        String gru = importLstm(lstmStateDict(), "--cell", "gru-torch").err();
        assertTrue(gru.contains("'rnn.weight_ih_l0' has shape [12, 4], but nn.GRU layer l0 of 3 gates (r, z, n) × 3"
                + " hidden and 4 inputs needs it with shape [9, 4]"), gru);
        assertEquals("unroll import: --cell dev.unroll.examples.cells.MinimalGatedUnit: PyTorch weights load only"
                + " into the standard cells rnn (nn.RNN), lstm (nn.LSTM) and gru-torch (nn.GRU); a custom cell has"
                + " no mapping", importLstm(lstmStateDict(), "--cell", "dev.unroll.examples.cells.MinimalGatedUnit")
                .err().strip());
    }
}
