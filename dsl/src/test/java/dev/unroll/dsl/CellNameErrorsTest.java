package dev.unroll.dsl;

import static dev.unroll.dsl.Here.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.cells.Cells;
import dev.unroll.dsl.core.Names;
import dev.unroll.dsl.core.UnrollException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Names reach generated source: anything but a plain, non-reserved ASCII identifier is rejected, escaped. */
class CellNameErrorsTest {

    private static final String AT = "CellNameErrorsTest.java:";

    private static final String RULE = "a name must be an ASCII letter followed by up to 63 ASCII letters, digits"
            + " or single underscores (a double underscore is reserved for names the compiler derives), and not"
            + " a Java keyword";

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("", "\"\""),
                Arguments.of("1x", "\"1x\""),
                Arguments.of("_x", "\"_x\""),
                Arguments.of("a\"b", "\"a\\u0022b\""),
                Arguments.of("x;System.exit(1)", "\"x;System.exit(1)\""),
                Arguments.of("x/*", "\"x/*\""),
                Arguments.of("a\nb", "\"a\\u000ab\""),
                Arguments.of("a\\u000ab", "\"a\\u005cu000ab\""),
                Arguments.of("naïve", "\"na\\u00efve\""),
                Arguments.of("α", "\"\\u03b1\""),
                Arguments.of("class", "\"class\""),
                Arguments.of("int", "\"int\""),
                Arguments.of("null", "\"null\""),
                Arguments.of("var", "\"var\""),
                Arguments.of("a__b", "\"a__b\""),
                Arguments.of("a b", "\"a b\""),
                Arguments.of("x".repeat(65), "\"" + "x".repeat(65) + "\""));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void badInputNameIsRejectedAndEscaped(String name, String quoted) {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.input(name, 2);
        });
        assertEquals("input name " + quoted + " is not allowed: " + RULE + " (at " + AT + line[0] + ")",
                e.getMessage());
    }

    @Test
    void nullNameIsRejected() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.state(null, 2);
        });
        assertEquals("state name null is not allowed: " + RULE + " (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void longestAllowedNameIsSixtyFourCharacters() {
        Cell cell = Cell.define("ok", c -> c.input("x".repeat(64), 2));
        assertEquals("x".repeat(64), cell.inputs().get(0).name());
    }

    @Test
    void badCellName() {
        Runnable define = () -> Cell.define("my cell", c -> { }); int line = Here.line();
        UnrollException e = assertThrows(UnrollException.class, define::run);
        assertEquals("cell name \"my cell\" is not allowed: " + RULE + " (at " + AT + line + ")", e.getMessage());
    }

    @Test
    void badParameterName() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            line[0] = Here.line(); c.weight("W-1", 2, 2);
        });
        assertEquals("parameter name \"W-1\" is not allowed: " + RULE + " (at " + AT + line[0] + ")",
                e.getMessage());
    }

    @Test
    void badOutputName() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            line[0] = Here.line(); c.output("return", x);
        });
        assertEquals("output name \"return\" is not allowed: " + RULE + " (at " + AT + line[0] + ")",
                e.getMessage());
    }

    @Test
    void badValueName() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            line[0] = Here.line(); x.tanh().as("d__x");
        });
        assertEquals("value name \"d__x\" is not allowed: " + RULE + " (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void badGateName() {
        int[] line = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            line[0] = Here.line(); c.affine("0", 2, x);
        });
        assertEquals("gate name \"0\" is not allowed: " + RULE + " (at " + AT + line[0] + ")", e.getMessage());
    }

    @Test
    void duplicateNameNamesBothDeclarations() {
        int[] first = new int[1];
        int[] second = new int[1];
        UnrollException e = failure(c -> {
            first[0] = Here.line(); c.input("x", 2);
            second[0] = Here.line(); c.state("x", 2);
        });
        assertEquals("state name 'x' is already used in cell 'bad' (declared at " + AT + first[0] + "; again at "
                + AT + second[0] + ")", e.getMessage());
    }

    @Test
    void outputsShareTheNamespaceOfInputs() {
        int[] first = new int[1];
        int[] second = new int[1];
        UnrollException e = failure(c -> {
            first[0] = Here.line(); var x = c.input("x", 2);
            second[0] = Here.line(); c.output("x", x);
        });
        assertEquals("output name 'x' is already used in cell 'bad' (declared at " + AT + first[0]
                + "; again at " + AT + second[0] + ")", e.getMessage());
    }

    @Test
    void twoAffinesOfTheSameGateDeclareTheSameWeightTwice() {
        int[] first = new int[1];
        int[] second = new int[1];
        UnrollException e = failure(c -> {
            var x = c.input("x", 2);
            first[0] = Here.line(); c.affine("g", 3, x);
            second[0] = Here.line(); c.affine("g", 3, x);
        });
        assertEquals("parameter name 'W_xg' is already used in cell 'bad' (declared at " + AT + first[0]
                + "; again at " + AT + second[0] + ")", e.getMessage());
    }

    @Test
    void unknownInputListsTheKnownOnes() {
        UnrollException e = assertThrows(UnrollException.class, () -> Cells.rnn(2, 3).input("nope"));
        assertEquals("cell 'rnn' has no input named \"nope\"; its inputs are [x]", e.getMessage());
    }

    @Test
    void unknownStateListsTheKnownOnes() {
        UnrollException e = assertThrows(UnrollException.class, () -> Cells.lstm(2, 3).state("x"));
        assertEquals("cell 'lstm' has no state named \"x\"; its states are [h, c]", e.getMessage());
    }

    @Test
    void unknownParameterListsTheKnownOnes() {
        UnrollException e = assertThrows(UnrollException.class, () -> Cells.rnn(2, 3).param("W"));
        assertEquals("cell 'rnn' has no parameter named \"W\"; its parameters are [W_xh, W_hh, b_h]",
                e.getMessage());
    }

    @Test
    void unknownOutputIsEscapedInTheMessage() {
        UnrollException e = assertThrows(UnrollException.class, () -> Cells.gru(2, 3).output("y\n"));
        assertEquals("cell 'gru' has no output named \"y\\u000a\"; its outputs are [y]", e.getMessage());
    }

    @Test
    void knownNamesAreFound() {
        Cell rnn = Cells.rnn(2, 3);
        assertEquals(rnn.inputs().get(0), rnn.input("x"));
        assertEquals(rnn.states().get(0), rnn.state("h"));
        assertEquals(rnn.params().get(2), rnn.param("b_h"));
        assertEquals(rnn.outputs().get(0), rnn.output("y"));
    }
}
