package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.EmitOptions;
import dev.unroll.compiler.emit.Passes;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Options choose the emitter's passes, carry them into the emitter, and never share a class across passes. */
class OptionsTest {

    private static final List<Passes> VARIANTS = List.of(Passes.ALL, Passes.NONE, Passes.ALL.withoutHoisting(),
            Passes.ALL.withoutDeferredGradients(), Passes.ALL.withoutTransposedWeights(), Passes.ALL.withoutFusion(),
            Passes.ALL.withoutMergedProducts());

    private static Adjoint lstm() {
        return Autodiff.adjoint(LossCell.attach(Cells.lstm(3, 4), "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS));
    }

    @Test
    void everyPassIsOnUnlessChosenOtherwise() {
        assertEquals(Passes.ALL, Options.float64().passes());
        assertEquals(Passes.ALL, Options.float32().passes());
        assertEquals(Passes.ALL, Options.float64().emitOptions("lstm").passes());
    }

    @Test
    void theWitherSetsOnlyThePassesAndTheOtherWithersKeepThem() {
        Options base = Options.float32().truncation(Truncation.fixed(5)).maxSteps(9).maxBatch(3)
                .packageName("a.b").className("K");
        Options none = base.passes(Passes.NONE);
        assertEquals(Passes.NONE, none.passes());
        assertEquals(base, none.passes(Passes.ALL));
        Options changed = none.dtype(Dtype.FLOAT64).truncation(Truncation.full()).maxSteps(4).maxBatch(2)
                .packageName("c").className("L");
        assertEquals(Passes.NONE, changed.passes());
        assertEquals(new EmitOptions("c", "L", Dtype.FLOAT64, 4, 2, Passes.NONE), changed.emitOptions("lstm"));
    }

    @Test
    void nullPassesAreAClearError() {
        UnrollException e = assertThrows(UnrollException.class, () -> Options.float64().passes(null));
        assertEquals("options need passes, got null; pass Passes.ALL (the default), or Passes.ALL with one pass"
                + " turned off (e.g. Passes.ALL.withoutHoisting()) to measure what it buys", e.getMessage());
    }

    @Test
    void compilationsDifferingOnlyInPassesNeverShareAClass() {
        SourceLoader loader = new SourceLoader();
        Options options = Options.float64().maxSteps(4).maxBatch(2);
        Set<String> sources = new HashSet<>();
        Set<Class<?>> classes = new HashSet<>();
        for (Passes passes : VARIANTS) {
            CompiledModel model = Unroll.compile(lstm(), options.passes(passes), loader);
            assertEquals(passes, model.options().passes());
            assertTrue(sources.add(model.source()), passes + " generated the source of other passes");
            assertTrue(classes.add(model.kernel().getClass()), passes + " reused the class of other passes");
            assertSame(model.kernel().getClass(), Unroll.compile(lstm(), options.passes(passes), loader).kernel()
                    .getClass(), passes + " compiled twice");
        }
        assertEquals(VARIANTS.size(), loader.cached());
    }

    @Test
    void optionsTheCodeDoesNotDependOnShareAClass() {
        SourceLoader loader = new SourceLoader();
        Options options = Options.float64().maxSteps(4).maxBatch(2);
        Class<?> full = Unroll.compile(lstm(), options, loader).kernel().getClass();
        assertSame(full, Unroll.compile(lstm(), options.truncation(Truncation.fixed(2)), loader).kernel().getClass());
        assertEquals(1, loader.cached());
    }

    @Test
    void thePassesReachTheGeneratedSource() {
        SourceLoader loader = new SourceLoader();
        String all = Unroll.compile(lstm(), Options.float64().maxSteps(4).maxBatch(2), loader).source();
        String none = Unroll.compile(lstm(), Options.float64().maxSteps(4).maxBatch(2).passes(Passes.NONE), loader)
                .source();
        for (String method : new String[] {"beforeForward(", "beforeBackward(", "afterBackward("}) {
            assertTrue(all.contains(method), "every pass: " + method);
            assertFalse(none.contains(method), "no pass: " + method);
        }
        assertNotEquals(all, none);
    }
}
