package dev.unroll.compiler.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.core.UnrollException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad bindings and bad class indices fail with messages naming the leaf, the shapes and where it was declared. */
class InterpreterErrorsTest {

    private static final String AT = "InterpreterErrorsTest.java:";
    private static final Mat W = Mat.of(2, 2, 0.5, -1, 2, 0.25);

    /** The lines declaring input x and parameter W of {@link #tiny}. */
    private final int[] lines = new int[2];

    /** {@code y = h}, {@code next h = tanh(x W + h)}. */
    private final Cell tiny = Cell.define("tiny", c -> {
        lines[0] = line(); var x = c.input("x", 2);
        var h = c.state("h", 2);
        lines[1] = line(); var w = c.param("W", 2, 2, Init.zeros());
        c.next(h, x.matmul(w).add(h).tanh()).output("y", h);
    });

    @Test
    void stepBindsByNameAndReturnsOutputsAndNextStates() {
        Mat x = Mat.rows(new double[] {1, 2}, new double[] {-1, 0.5});
        Mat h = Mat.rows(new double[] {0.1, 0.2}, new double[] {0.3, 0.4});
        Interpreter.Step step = Interpreter.step(tiny, Map.of("x", x), Map.of("h", h), Map.of("W", W));
        assertEquals(Map.of("y", h), step.outputs());
        Mat expected = Mat.rows(
                new double[] {Math.tanh(1 * 0.5 + 2 * 2 + 0.1), Math.tanh(1 * -1 + 2 * 0.25 + 0.2)},
                new double[] {Math.tanh(-1 * 0.5 + 0.5 * 2 + 0.3), Math.tanh(-1 * -1 + 0.5 * 0.25 + 0.4)});
        assertEquals(Map.of("h", expected), step.nextStates());
    }

    @Test
    void missingBindingNamesTheLeafItsShapeItsLineAndTheBoundNames() {
        Map<String, Mat> params = new LinkedHashMap<>();
        params.put("W", W);
        UnrollException e = assertThrows(UnrollException.class,
                () -> Interpreter.step(tiny, Map.of(), Map.of("h", Mat.zeros(3, 2)), params));
        assertEquals("no value bound for input 'x' [B×2] (declared at " + AT + lines[0] + "); bind it by name;"
                + " bound names are [h, W]", e.getMessage());
    }

    @Test
    void bindingOfTheWrongWidth() {
        UnrollException e = assertThrows(UnrollException.class, () -> Interpreter.step(tiny,
                Map.of("x", Mat.zeros(3, 5)), Map.of("h", Mat.zeros(3, 2)), Map.of("W", W)));
        assertEquals("input 'x' must be [B×2] with B = 3, got 3×5 (declared at " + AT + lines[0] + ")",
                e.getMessage());
    }

    @Test
    void parameterOfTheWrongShape() {
        UnrollException e = assertThrows(UnrollException.class, () -> Interpreter.step(tiny,
                Map.of("x", Mat.zeros(3, 2)), Map.of("h", Mat.zeros(3, 2)), Map.of("W", Mat.zeros(2, 3))));
        assertEquals("param 'W' must be [2×2] with B = 3, got 2×3 (declared at " + AT + lines[1] + ")",
                e.getMessage());
    }

    @Test
    void batchSizesThatDisagree() {
        UnrollException e = assertThrows(UnrollException.class, () -> Interpreter.step(tiny,
                Map.of("x", Mat.zeros(3, 2)), Map.of("h", Mat.zeros(2, 2)), Map.of("W", W)));
        assertEquals("batch sizes disagree: 'x' has 3 rows but 'h' has 2", e.getMessage());
    }

    @Test
    void nameBoundTwice() {
        UnrollException e = assertThrows(UnrollException.class, () -> Interpreter.step(tiny,
                Map.of("x", Mat.zeros(3, 2)), Map.of("h", Mat.zeros(3, 2)), Map.of("h", Mat.zeros(3, 2))));
        assertEquals("the name 'h' is bound twice (as an input, state or parameter); each name may be bound once",
                e.getMessage());
    }

    @Test
    void classIndexOutOfRange() {
        assertEquals("class index 3.0 in row 1 is not an integer in [0, 3)", lossFailure(0, 3));
    }

    @Test
    void negativeClassIndex() {
        assertEquals("class index -1.0 in row 0 is not an integer in [0, 3)", lossFailure(-1, 0));
    }

    @Test
    void fractionalClassIndex() {
        assertEquals("class index 1.5 in row 0 is not an integer in [0, 3)", lossFailure(1.5, 0));
    }

    @Test
    void notANumberClassIndex() {
        assertEquals("class index NaN in row 1 is not an integer in [0, 3)", lossFailure(2, Double.NaN));
    }

    @Test
    void oneHotClassIndexOutOfRange() {
        Cell cell = Cell.define("hot", c -> c.output("y", c.input("t", 1).oneHot(4)));
        UnrollException e = assertThrows(UnrollException.class,
                () -> Interpreter.step(cell, Map.of("t", Mat.of(2, 1, 3, 4)), Map.of(), Map.of()));
        assertEquals("class index 4.0 in row 1 is not an integer in [0, 4)", e.getMessage());
    }

    private static String lossFailure(double first, double second) {
        Cell cell = Cell.define("loss", c -> {
            var logits = c.input("logits", 3);
            var targets = c.input("targets", 1);
            c.output("loss", logits.softmaxCrossEntropy(targets));
        });
        Map<String, Mat> inputs = new LinkedHashMap<>();
        inputs.put("logits", Mat.zeros(2, 3));
        inputs.put("targets", Mat.of(2, 1, first, second));
        return assertThrows(UnrollException.class, () -> Interpreter.step(cell, inputs, Map.of(), Map.of()))
                .getMessage();
    }

    private static int line() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
    }
}
