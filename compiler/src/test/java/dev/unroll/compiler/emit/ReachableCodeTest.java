package dev.unroll.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.autodiff.Adjoint;
import dev.unroll.compiler.autodiff.Autodiff;
import dev.unroll.compiler.loss.Loss;
import dev.unroll.compiler.loss.LossCell;
import dev.unroll.compiler.passes.schedule.Item;
import dev.unroll.compiler.passes.schedule.Scheduled;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;
import dev.unroll.kernels.Dtype;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated class holds exactly what the program lists: every private method is called, every buffer field is
 * used beyond its allocation, and the node methods are those of the nodes the program's items call; for several
 * cells under every combination of passes.
 */
class ReachableCodeTest {

    private static final Pattern PRIVATE_METHOD = Pattern.compile("private void (\\w+)\\(");
    private static final Pattern FIELD = Pattern.compile("private (?:double|float)\\[] (\\w+);");
    private static final Pattern NODE_METHOD = Pattern.compile("// %(\\d+) = ");

    private static List<Adjoint> cells() {
        List<Adjoint> cells = new ArrayList<>();
        for (Cell cell : List.of(Cells.rnn(2, 3), Cells.lstm(3, 4), Cells.gru(3, 4))) {
            cells.add(Autodiff.adjoint(LossCell.attach(cell, "y", Loss.SOFTMAX_CROSS_ENTROPY),
                    List.of(LossCell.LOSS)));
        }
        return cells;
    }

    private static List<Passes> everyCombination() {
        List<Passes> all = new ArrayList<>();
        for (int bits = 0; bits < 32; bits++) {
            all.add(new Passes((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0,
                    (bits & 16) != 0));
        }
        return all;
    }

    @Test
    void everyPrivateMethodIsCalledAndEveryBufferIsUsed() {
        for (Adjoint adjoint : cells()) {
            for (Passes passes : everyCombination()) {
                String source = Emitter.emit(adjoint, EmitOptions.of("K", Dtype.FLOAT64, 5, 3).passes(passes))
                        .toString();
                String where = adjoint.forward().name() + " under " + passes;
                Matcher m = PRIVATE_METHOD.matcher(source);
                while (m.find()) {
                    assertTrue(occurrences(source, m.group(1) + "(") >= 2, m.group(1) + " is never called in "
                            + where);
                }
                Matcher f = FIELD.matcher(source);
                while (f.find()) {
                    String name = f.group(1);
                    int declaredAndAllocated = 2;
                    assertTrue(occurrences(source, name) > declaredAndAllocated, name + " is never used in " + where);
                }
            }
        }
    }

    @Test
    void theNodeMethodsAreThoseOfTheNodesTheProgramCalls() {
        for (Adjoint adjoint : cells()) {
            for (Passes passes : List.of(Passes.ALL, Passes.NONE)) {
                Scheduled program = passes.schedule(adjoint, 3);
                String source = Emitter.emit(adjoint, EmitOptions.of("K", Dtype.FLOAT64, 5, 3).passes(passes))
                        .toString();
                TreeSet<Integer> methods = new TreeSet<>();
                Matcher m = NODE_METHOD.matcher(source);
                while (m.find()) {
                    methods.add(Integer.parseInt(m.group(1)));
                }
                assertEquals(called(program), methods, adjoint.forward().name() + " under " + passes);
            }
        }
    }

    @Test
    void aSingleStepRunsTheForwardLoopsBodyAndNoCopyOfIt() {
        String source = Emitter.emit(cells().get(1), EmitOptions.of("K", Dtype.FLOAT64, 5, 3)).toString();
        assertEquals(1, occurrences(source, "void forwardStep("));
        assertEquals(false, source.contains("recurrentStep"));
    }

    /** The nodes whose own methods the program's items call. */
    private static TreeSet<Integer> called(Scheduled program) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Item item : program.items()) {
            if (!(item instanceof Item.MergedProduct)) {
                ids.addAll(item.computes());
            }
        }
        return ids;
    }

    private static int occurrences(String text, String word) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word)).matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }
}
