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
 * used beyond its allocation, no field holds a constant, and the node methods are those of the nodes the program's
 * items call; for several cells under every combination of passes.
 */
class ReachableCodeTest {

    private static final Pattern PRIVATE_METHOD = Pattern.compile("private void (\\w+)\\(");
    private static final Pattern FIELD = Pattern.compile("private (?:double|float)\\[] (\\w+);");
    private static final Pattern NODE_METHOD = Pattern.compile("// %(\\d+) = ");
    /** A whole-array fill, as a constructor would fill a constant's buffer once. */
    private static final Pattern WHOLE_FILL = Pattern.compile("Arrays\\.fill\\((\\w+), ([^,()]+)\\);");
    /** The Javadoc of a field holding a constant node. */
    private static final Pattern CONSTANT_FIELD = Pattern.compile("\\* %\\d+ = const\\[");

    private static List<Adjoint> cells() {
        List<Adjoint> cells = new ArrayList<>();
        for (Cell cell : List.of(Cells.rnn(2, 3), Cells.lstm(3, 4), Cells.gru(3, 4), constants())) {
            cells.add(Autodiff.adjoint(LossCell.attach(cell, "y", Loss.SOFTMAX_CROSS_ENTROPY),
                    List.of(LossCell.LOSS)));
        }
        return cells;
    }

    /**
     * A cell with a user's constants in every kind of reader: elementwise operands on either side, a product, a
     * concatenation, a bias row, a transcendental function and a state's next value.
     */
    private static Cell constants() {
        return Cell.define("constants", c -> {
            var x = c.input("x", 2);
            var h = c.state("h", 3);
            var fixed = c.state("fixed", 3);
            var product = c.constant(0.5, 2).matmul(c.weight("W_c", 2, 3));
            var joined = x.concat(c.constant(2.0, 1)).matmul(c.weight("W_x", 3, 3));
            var shifted = c.constant(1.5, 3).addBias(c.bias("b", 3)).tanh();
            var hNext = c.constant(1.0, 3).sub(joined.add(h.matmul(c.weight("W_h", 3, 3))).tanh()).div(
                    c.constant(4.0, 3)).add(product.mul(c.constant(-2.0, 3))).add(shifted.mul(fixed)).as("H");
            c.next(h, hNext).next(fixed, c.constant(0.25, 3)).output("y", c.constant(3.0, 3).div(hNext.exp()));
        });
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
                assertNoConstantBuffer(source, where);
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
    void aStateThatReceivesNoAdjointIsClearedNotCopied() {
        Cell cell = Cell.define("unread", c -> {
            var x = c.input("x", 2);
            var h = c.state("h", 3);
            var unread = c.state("unread", 2);
            c.next(h, c.affine("h", 3, x, h).tanh()).next(unread, x).output("y", h);
        });
        Adjoint adjoint = Autodiff.adjoint(LossCell.attach(cell, "y", Loss.MEAN_SQUARED_ERROR),
                List.of(LossCell.LOSS));
        String listing = Passes.ALL.schedule(adjoint, 3).toString();
        assertTrue(listing.contains("  adjoint d__unread into step t-1 = 0.0\n"), listing);
        String source = Emitter.emit(adjoint, EmitOptions.of("K", Dtype.FLOAT64, 5, 3)).toString();
        assertTrue(source.contains("Arrays.fill(d__unread, t * 6, t * 6 + batch * 2, 0.0);"), source);
    }

    @Test
    void aSingleStepRunsTheForwardLoopsBodyAndNoCopyOfIt() {
        String source = Emitter.emit(cells().get(1), EmitOptions.of("K", Dtype.FLOAT64, 5, 3)).toString();
        assertEquals(1, occurrences(source, "void forwardStep("));
        assertEquals(false, source.contains("recurrentStep"));
    }

    /**
     * No field holds a constant: none is described as one, and no whole array is filled with anything but zero (as
     * the constructor filled a constant's buffer once, and clearing gradients still fills with zero).
     */
    private static void assertNoConstantBuffer(String source, String where) {
        assertEquals(false, CONSTANT_FIELD.matcher(source).find(), "a field holds a constant in " + where);
        assertEquals(false, source.contains("filled once"), "a buffer is filled once in " + where);
        Matcher fill = WHOLE_FILL.matcher(source);
        while (fill.find()) {
            assertEquals(0.0, Double.parseDouble(fill.group(2)), fill.group() + " fills a constant's buffer in "
                    + where);
        }
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
