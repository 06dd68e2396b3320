package dev.unroll.compiler.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The program's parameter list and the one store over it: order, shapes, references and what is rejected. */
class ParamStoreTest {

    private static Program rnn(InitialState initial) {
        return Planner.plan(Model.of(Encoding.oneHot(5)).layer(Layer.rnn(3)).head(Head.everyStep(5))
                .initialState(initial).build());
    }

    @Test
    void aProgramListsItsLearnedArraysScanByScanWithTheirShapes() {
        ParamStore store = ParamStore.zeros(rnn(InitialState.LEARNED));
        assertEquals(List.of("l0__W_xh", "l0__W_hh", "l0__b_h", "W_hq", "b_q", "l0__h__init"), store.names());
        assertEquals(List.of(Shape.of(5, 3), Shape.of(3, 3), Shape.of(1, 3), Shape.of(3, 5), Shape.of(1, 5),
                Shape.of(1, 3)), store.parameters().stream().map(Program.Parameter::shape).toList());
        assertEquals(ParamRef.initialState("l0", "h"), store.ref(5));
        assertEquals(ParamRef.weight("", "W_hq"), store.ref(3));
        assertArrayEquals(new int[] {5, 3}, store.fileShape(0));
        assertEquals(15, store.values(ParamRef.weight("l0", "W_xh")).length);
        assertEquals(5, ParamStore.zeros(rnn(InitialState.ZEROS)).size(), "zero initial states are not learned");
    }

    @Test
    void everyReferenceNamesItsCellsParameterOrStateAndAllAreDistinct() {
        Program program = Planner.plan(Model.of(Encoding.embedding(7, 2)).layers(2, Layer.bidirectional(
                Layer.lstm(3).forward())).layer(Layer.gru(2)).head(Head.lastStep(4))
                .initialState(InitialState.LEARNED).build());
        List<String> texts = new ArrayList<>();
        for (Program.Parameter p : program.parameters()) {
            Cell cell = program.scans().get(p.scan()).cell();
            String inCell = switch (p.ref().kind()) {
                case WEIGHT -> cell.params().get(p.slot()).name();
                case INITIAL_STATE -> cell.states().get(p.slot()).name();
            };
            assertEquals(inCell, p.ref().inCell(), p.ref().toString());
            texts.add(p.ref().text());
        }
        assertEquals(texts.size(), Set.copyOf(texts).size(), "keys must be unique: " + texts);
        assertEquals(texts, ParamStore.zeros(program).names());
    }

    @Test
    void initializationIsSeededAndTheOrderIsStable() {
        Program program = rnn(InitialState.LEARNED);
        ParamStore a = ParamStore.initialize(program, 7);
        ParamStore b = ParamStore.initialize(program, 7);
        ParamStore c = ParamStore.initialize(program, 8);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.values(i), b.values(i), a.ref(i).text());
        }
        assertFalse(Arrays.equals(a.values(0), c.values(0)), "another seed draws other weights");
        assertArrayEquals(new double[3], a.values(ParamRef.initialState("l0", "h")), "learned states start at 0");
        assertEquals(a.names(), ParamStore.of(program, a.mats(), "a copy").names());
    }

    @Test
    void aWrongShapeAnUnknownReferenceOrAnotherLayoutIsRejectedSayingWhatFits() {
        Program program = rnn(InitialState.ZEROS);
        ParamStore store = ParamStore.zeros(program);
        ParamRef w = ParamRef.weight("l0", "W_hh");
        assertMessage("learned array 'l0__W_hh' has shape [3×3] in the model, but checkpoint run.ckpt gives shape"
                + " [3, 2] with 6 values; use values saved for this model",
                () -> store.set(w, new int[] {3, 2}, new double[6], "checkpoint run.ckpt"));
        assertMessage("learned array 'l0__W_hh' has shape [3×3] in the model, but a test gives shape [9] with 9"
                + " values; use values saved for this model",
                () -> store.set(w, new int[] {9}, new double[9], "a test"));
        assertMessage("no learned array 'l0__h__init' in this model; its learned arrays are [l0__W_xh, l0__W_hh,"
                + " l0__b_h, W_hq, b_q]", () -> store.values(ParamRef.initialState("l0", "h")));
        ParamStore learned = ParamStore.zeros(rnn(InitialState.LEARNED));
        assertMessage("Optimizer.step: the store holds the learned arrays [l0__W_xh, l0__W_hh, l0__b_h, W_hq, b_q,"
                + " l0__h__init], but [l0__W_xh, l0__W_hh, l0__b_h, W_hq, b_q] are needed; use a store of the same"
                + " program (ParamStore.zeros or ParamStore.initialize)",
                () -> store.requireSameLayout(learned, "Optimizer.step"));
        double[] nine = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        store.set(w, new int[] {3, 3}, nine, "a test");
        assertArrayEquals(nine, store.copy().values(w));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(UnrollException.class, call).getMessage());
    }
}
