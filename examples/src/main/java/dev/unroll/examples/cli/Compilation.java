package dev.unroll.examples.cli;

import dev.unroll.compiler.kernel.Dtype;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.Cell;
import dev.unroll.runtime.Options;
import dev.unroll.runtime.model.CompiledProgram;
import dev.unroll.runtime.train.ExecutorFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the command line compiles models: every scan of the program to generated Java, cached by source. */
final class Compilation {

    private Compilation() {
    }

    static ExecutorFactory factory() {
        return (program, steps, batch, dtype) -> CompiledProgram.compile(program, options(dtype, steps, batch))
                .newExecutor();
    }

    static Options options(Dtype dtype, int steps, int batch) {
        return (dtype == Dtype.FLOAT32 ? Options.float32() : Options.float64()).maxSteps(steps).maxBatch(batch);
    }

    /** The shape of every parameter of {@code program}, by name, as {@code {rows, cols}}. */
    static Map<String, int[]> shapes(Program program) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (Program.Scan s : program.scans()) {
            for (Cell.Param p : s.cell().params()) {
                out.put(p.name(), new int[] {p.shape().rows(), p.shape().cols()});
            }
            for (Cell.State st : s.cell().states()) {
                out.put(dev.unroll.compiler.model.ProgramRunner.initName(st.name()), new int[] {1, st.shape().cols()});
            }
        }
        return out;
    }
}
