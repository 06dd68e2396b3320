package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.model.CharModel;
import dev.unroll.compiler.model.Planner;
import dev.unroll.runtime.CompiledModel;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.text.TextData;
import dev.unroll.runtime.train.EpochReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application trains its model on the kernels its build generated and compiled, never on javac's. */
class TrainingTest {

    @Test
    void theKernelsAreTheOnesCompiledIntoTheApplication() throws Exception {
        CompiledProgram compiled = CompiledProgram.load(Planner.plan(CharModel.model()), CharModel.options(),
                Training.kernels());
        Path classes = Path.of(Training.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (CompiledModel scan : compiled.scans()) {
            Class<?> kernel = scan.kernel().getClass();
            assertEquals(CharModel.KERNEL_PACKAGE, kernel.getPackageName());
            assertEquals(Training.class.getClassLoader(), kernel.getClassLoader(),
                    "loaded by the application's class loader, not an in-memory compiler's");
            assertEquals(classes, Path.of(kernel.getProtectionDomain().getCodeSource().getLocation().toURI()),
                    "compiled by the build into the application's classes");
        }
    }

    @Test
    void aFewEpochsLowerThePerplexityBelowGuessing() {
        TextData data = Training.data(Training.builtInText());
        List<EpochReport> epochs = Training.train(data, Training.config(4, 7)).epochs();
        double first = epochs.get(0).train();
        double last = epochs.get(epochs.size() - 1).train();
        double validation = epochs.get(epochs.size() - 1).validation();
        int guessing = CharModel.vocab().size();
        assertTrue(last < first, "training perplexity fell from " + first + " to " + last);
        assertTrue(Double.isFinite(validation) && validation < guessing, "validation perplexity " + validation
                + " is below " + guessing + ", that of guessing uniformly");
    }
}
