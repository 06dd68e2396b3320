package dev.unroll.examples.cli;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.cells.Cells;

/** Custom cells for {@code --cell} that misbehave, for the command line's misuse table. */
public final class MisbehavingCells {

    private MisbehavingCells() {
    }

    /** Its factory returns null instead of a cell. */
    public static final class ReturnsNull {
        private ReturnsNull() {
        }

        public static Cell cell(int inputSize, int hidden) {
            return null;
        }
    }

    /** Its static initializer throws, so the class cannot be loaded. */
    public static final class FailsToLoad {
        static final int WIDTH = Integer.parseInt(System.getProperty("no.such.property", "not a number"));

        private FailsToLoad() {
        }

        public static Cell cell(int inputSize, int hidden) {
            return Cells.rnn(inputSize, hidden + WIDTH);
        }
    }
}
