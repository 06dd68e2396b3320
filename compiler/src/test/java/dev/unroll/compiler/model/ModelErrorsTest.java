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

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(UnrollException.class, call).getMessage());
    }
}
