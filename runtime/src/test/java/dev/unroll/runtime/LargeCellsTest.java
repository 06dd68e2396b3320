package dev.unroll.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.emit.EmitOptions;
import dev.unroll.compiler.emit.Emitter;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Value;
import dev.unroll.kernels.Dtype;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Cells far larger than any test elsewhere still give kernels whose every method stays well under HotSpot's
 * 8000-bytecode compilation limit, measured on the class file javac produces, and that agree with the interpreter.
 */
class LargeCellsTest {

    /** HotSpot does not JIT-compile methods with more bytecode than this. */
    private static final int HUGE_METHOD_LIMIT = 8000;

    /** A chain of 100 layers: about 400 forward nodes and 1300 adjoint nodes. */
    static Cell deep() {
        return Cell.define("deep", c -> {
            var x = c.input("x", 2);
            var h = c.state("h", 2);
            var w = c.weight("W", 2, 2);
            Value v = h;
            for (int i = 0; i < 100; i++) {
                v = v.matmul(w).add(x).tanh().scale(0.9);
            }
            c.next(h, v).output("y", v);
        });
    }

    /** One concatenation of 300 slices. */
    static Cell wide() {
        return Cell.define("wide", c -> {
            var x = c.input("x", 3);
            var h = c.state("h", 2);
            List<Value> parts = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                parts.add((i % 2 == 0 ? x.slice(i % 3, i % 3 + 1) : h.slice(0, 1)).scale(1.0 + i / 300.0));
            }
            var all = parts.get(0).concat(parts.subList(1, parts.size()).toArray(Value[]::new));
            var hNext = all.matmul(c.weight("W", 300, 2)).tanh();
            c.next(h, hNext).output("y", hNext);
        });
    }

    @Test
    void everyMethodOfALargeKernelStaysUnderTheJitLimit() throws IOException {
        for (Cell cell : List.of(deep(), wide())) {
            Cell withLoss = LossCell.attach(cell, "y", Loss.MEAN_SQUARED_ERROR);
            JavaFile file = Emitter.emit(Autodiff.adjoint(withLoss, List.of(LossCell.LOSS)),
                    EmitOptions.of("Large", Dtype.FLOAT64, Agreement.MAX_STEPS, Agreement.MAX_BATCH));
            Map<String, Integer> lengths = ClassFileMethods.codeLengths(compile(file));
            int longest = lengths.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(longest < HUGE_METHOD_LIMIT / 2, cell.name() + ": the longest method has " + longest
                    + " bytes of bytecode: " + lengths);
        }
    }

    @Test
    void largeKernelsAgreeWithTheInterpreter() {
        for (Cell cell : List.of(deep(), wide())) {
            Scenario scenario = Scenario.of(cell.name(), LossCell.attach(cell, "y", Loss.MEAN_SQUARED_ERROR));
            Agreement.check(scenario, Dtype.FLOAT64, Truncation.full(), 3, 2, 5);
        }
    }

    private static byte[] compile(JavaFile file) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        MemoryFiles files = new MemoryFiles(javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8));
        String name = file.packageName() + "." + file.typeSpec().name();
        boolean ok = javac.getTask(null, files, null, List.of("-classpath", SourceLoader.classPath(), "-proc:none"),
                null, List.of(MemoryFiles.source(name, file.toString()))).call();
        assertTrue(ok, "the generated source compiles");
        return files.classes().get(name);
    }
}
