package dev.unroll.runtime.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.Encoding;
import dev.unroll.compiler.model.Head;
import dev.unroll.compiler.model.Layer;
import dev.unroll.compiler.model.Model;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.NpzReader;
import dev.unroll.runtime.checkpoint.ShapedArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the import refuses, on the fixtures of {@link TorchInteropTest}, each with a message that says what to do. */
class TorchImportErrorsTest {

    private static Program program(Layer layer) {
        return Planner.plan(Model.of(Encoding.embedding(10, 6)).layers(2, layer).head(Head.everyStep(10)).build());
    }

    private static Map<String, ShapedArray> stateDict(String name) throws Exception {
        return new LinkedHashMap<>(NpzReader.contents(TorchInteropTest.fixture(name + ".npz")).numbers());
    }

    private static String refused(Program program, TorchCell cell, Map<String, ShapedArray> dict) {
        return assertThrows(UnrollException.class, () -> TorchImport.params(program, cell, dict, "f.npz"))
                .getMessage();
    }

    @Test
    void aBidirectionalFileDoesNotFitAUnidirectionalModel() throws Exception {
        String message = refused(program(TorchCell.LSTM.layer(8, false)), TorchCell.LSTM,
                stateDict("lstm-bidirectional"));
        // Layer 1 of a bidirectional module reads both directions: 16 inputs, where the model's layer 1 reads 8.
        assertEquals("f.npz: 'rnn.weight_ih_l1' has shape [32, 16], but nn.LSTM layer l1 of 4 gates (i, f, g, o) ×"
                + " 8 hidden and 8 inputs needs it with shape [32, 8]; give the model the PyTorch module's sizes",
                message);
        Map<String, ShapedArray> oneLayer = stateDict("lstm-bidirectional");
        oneLayer.keySet().removeIf(k -> k.contains("_l1"));
        oneLayer.put("head.weight", ShapedArray.matrix(10, 8, new double[80]));
        String unknown = refused(Planner.plan(Model.of(Encoding.embedding(10, 6)).layer(TorchCell.LSTM.layer(8,
                false)).head(Head.everyStep(10)).build()), TorchCell.LSTM, oneLayer);
        assertEquals("f.npz has keys the model has no place for: [rnn.weight_ih_l0_reverse,"
                + " rnn.weight_hh_l0_reverse, rnn.bias_ih_l0_reverse, rnn.bias_hh_l0_reverse]; build the model with"
                + " the PyTorch module's layers and directions (keys ending in '_reverse' belong to a bidirectional"
                + " module), or leave other modules' keys out of the file", unknown);
    }

    @Test
    void d2lsGruIsAnotherFunctionAndHasNoMapping() throws Exception {
        String message = refused(program(Layer.gru(8)), TorchCell.GRU, stateDict("gru"));
        assertEquals("layer l0 of the model has the parameters [W_hh, W_hr, W_hz, W_xh, W_xr, W_xz, b_h, b_r, b_z],"
                + " but nn.GRU's weights load into a layer Cells.gruTorch makes, with [W_hn, W_hr, W_hz, W_xn, W_xr,"
                + " W_xz, b_hn, b_r, b_xn, b_z] (decoders and other cells have no mapping); build every layer with"
                + " Cells.gruTorch (TorchCell.GRU.layer)", message);
    }

    @Test
    void theEmbeddingAndTheHeadMustBeFoundOnce() throws Exception {
        Map<String, ShapedArray> two = stateDict("lstm");
        two.put("extra.weight", ShapedArray.matrix(10, 6, new double[60]));
        String message = refused(program(TorchCell.LSTM.layer(8, false)), TorchCell.LSTM, two);
        assertTrue(message.startsWith("f.npz must hold exactly one nn.Embedding (a 2-dimensional '<module>.weight'"
                + " without a bias), but holds 2: ['embedding.', 'extra.']"), message);
        Map<String, ShapedArray> none = stateDict("lstm");
        none.remove("embedding.weight");
        assertTrue(refused(program(TorchCell.LSTM.layer(8, false)), TorchCell.LSTM, none).startsWith("f.npz must"
                + " hold exactly one nn.Embedding (a 2-dimensional '<module>.weight' without a bias), but holds none"));
    }
}
