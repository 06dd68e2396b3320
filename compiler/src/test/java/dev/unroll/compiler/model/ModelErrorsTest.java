package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Model builders check their arguments where they are given: nulls name the argument, sizes whose values no array
 * holds are rejected with the rule before any arithmetic overflows.
 */
class ModelErrorsTest {

    @Test
    void nullArgumentsNameTheArgument() {
        assertMessage("Model.of: encoding is null; every argument must be given (not null)", () -> Model.of(null));
        assertMessage("Model.Builder.layer: layer is null; every argument must be given (not null)",
                () -> Model.of(Encoding.oneHot(4)).layer(null));
        assertMessage("Model.Builder.head: head (Head.none() for none) is null; every argument must be given (not"
                + " null)", () -> Model.of(Encoding.oneHot(4)).head(null));
        assertMessage("a layer needs a cell factory (input width → cell), got null", () -> Layer.of(null));
        assertMessage("layer l0: its cell factory returned null for input width 4; it must return a cell",
                () -> Planner.plan(Model.of(Encoding.oneHot(4)).layer(Layer.of(in -> null)).build()));
    }

    @Test
    void sizesAreCheckedBeforeTheyOverflow() {
        assertMessage("Layer.lstm: the hidden size must be at least 1, got 0", () -> Layer.lstm(0));
        assertMessage("one-hot vocabulary must be at most 2147483639 (the longest Java array), got 2147483647",
                () -> Encoding.oneHot(Integer.MAX_VALUE));
        assertMessage("the embedding W_emb would hold 65536×65536 = 4294967296 elements, but a value holds from 0 to"
                + " 2147483639 (the longest Java array); use smaller dimensions",
                () -> Encoding.embedding(65536, 65536));
        assertMessage("a model has at most 1000 layers; it has 1 and 1000 more were added",
                () -> Model.of(Encoding.oneHot(4)).layer(Layer.rnn(2)).layers(1000, Layer.rnn(2)));
        UnrollException hidden = assertThrows(UnrollException.class, () -> Planner.plan(
                Model.of(Encoding.oneHot(28)).layer(Layer.lstm(Integer.MAX_VALUE).bidirectional()).build()));
        // The hidden size of the command line's --hidden reaches the standard cell, which names its own line.
        assertTrue(hidden.getMessage().startsWith("state h size must be at most 2147483639 (the longest Java array),"
                + " got 2147483647 (at Cells.java:"), hidden.getMessage());
    }

    @Test
    void encoderDecodersStateWhatDoesNotFit() {
        Encoder lstm = Encoder.of(Encoding.oneHot(4), Layer.lstm(2));
        assertMessage("an encoder–decoder hands the encoder's final states to the decoder layer by layer, so both need"
                + " as many layers; the encoder has 1 and the decoder 2",
                () -> Model.of(Encoding.oneHot(3)).encoder(lstm).layers(2, Layer.lstm(2)).build());
        assertMessage("decoder layer 0 is bidirectional, but a decoder generates one token after another and cannot"
                + " read ahead; make it unidirectional (the encoder's layers may be bidirectional)",
                () -> Model.of(Encoding.oneHot(3)).encoder(lstm).layer(Layer.lstm(2).bidirectional()).build());
        assertMessage("decoder layer l0: its state 'c' starts from encoder layer 0's final 'c', but that layer's"
                + " states are [h]; give both layers cells with the same states", () -> Planner.plan(
                Model.of(Encoding.oneHot(3)).encoder(Encoder.of(Encoding.oneHot(4), Layer.gru(2)))
                        .layer(Layer.lstm(2)).build()));
        assertMessage("decoder layer l0: its state 'h' is [B×2], but encoder layer 0's final 'h' is [B×4] (both"
                + " directions side by side); make the decoder's hidden size 4", () -> Planner.plan(
                Model.of(Encoding.oneHot(3)).encoder(Encoder.of(Encoding.oneHot(4), Layer.gru(2).bidirectional()))
                        .layer(Layer.gru(2)).build()));
        assertMessage("layer l0: its cell 'gru_context' input 'context' is [B×3], but a decoder cell's further"
                + " inputs read the encoder's context, [B×2] (its top layer's output); make the input that wide",
                () -> Planner.plan(Model.of(Encoding.oneHot(3)).encoder(Encoder.of(Encoding.oneHot(4),
                        Layer.gru(2))).layer(Layer.of(in -> dev.unroll.dsl.cells.ContextCells.gru(in, 3, 2)))
                        .build()));
        assertMessage("layer l0: its cell 'gru_context' must have exactly one input of width 4 (the layer below),"
                + " got [x [B×4], context [B×2]]; only a decoder layer of an encoder–decoder may have further"
                + " inputs, which read the encoder's context", () -> Planner.plan(Model.of(Encoding.oneHot(4))
                .layer(Layer.of(in -> dev.unroll.dsl.cells.ContextCells.gru(in, 2, 2))).build()));
        Program plain = Planner.plan(Model.of(Encoding.oneHot(3)).layer(Layer.gru(2)).build());
        assertMessage("ProgramExecutor.greedy: this program has no encoder, so it reads no source; build the model"
                + " with Model.Builder.encoder(...), or call forward(x, targets, states, batch, lengths)",
                () -> ProgramExecutor.reference(plain, 2, 1).greedy(new double[2][1], null, 1, 0, 1, 3));
        Program both = Planner.plan(Model.of(Encoding.oneHot(3)).encoder(lstm).layer(Layer.lstm(2)).build());
        assertMessage("ProgramExecutor.forward: this program is an encoder–decoder and reads a source too; call"
                + " forward(source, sourceLengths, x, targets, states, batch, lengths)",
                () -> ProgramExecutor.reference(both, 2, 1).forward(new double[2][1], new double[2][1], java.util.Map.of(),
                        1));
        assertMessage("ProgramExecutor.forward: the source has 3 steps and the decoder input 2; pad the shorter to"
                + " the longer, with each row's own lengths", () -> ProgramExecutor.reference(both, 3, 1)
                .forward(new double[3][1], null, new double[2][1], new double[2][1], java.util.Map.of(), 1, null));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(UnrollException.class, call).getMessage());
    }
}
