package dev.unroll.compiler.model;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.List;

/**
 * A model as an ordered list of scans: each scan runs one ordinary cell over the sequence, forward or backward in
 * time, and reads its inputs from the model's data or from earlier scans' outputs at the same time step. The last
 * scan computes the {@code loss} output.
 */
public record Program(List<Scan> scans, Model model) {

    /** The model-level data inputs: tokens or features, and targets. */
    public static final String DATA = "x";

    /** The model-level target input. */
    public static final String TARGET = "target";

    /** One cell run over time; {@code reverse} runs it from the last step to the first. */
    public record Scan(String name, Cell cell, boolean reverse, List<Feed> feeds) {
        public Scan {
            Require.notNull(name, "Program.Scan", "name");
            Require.notNull(cell, "Program.Scan", "cell");
            feeds = List.copyOf(Require.noNulls(feeds, "Program.Scan", "feeds"));
        }
    }

    /** What feeds one input of a scan's cell at step t: the concatenation of {@code parts} at step t. */
    public record Feed(String input, List<Part> parts) {
        public Feed {
            Require.notNull(input, "Program.Feed", "input");
            parts = List.copyOf(Require.noNulls(parts, "Program.Feed", "parts"));
        }
    }

    /** An output of an earlier scan ({@code scan ≥ 0}) or a model data input ({@code scan = DATA_SCAN}). */
    public record Part(int scan, String name) {

        /** The {@link #scan()} of a model data input. */
        public static final int DATA_SCAN = -1;

        public Part {
            Require.notNull(name, "Program.Part", "name");
            if (scan < DATA_SCAN) {
                throw new UnrollException("Program.Part: scan must be an earlier scan's index or DATA_SCAN (-1), got "
                        + scan);
            }
        }

        /** A model data input. */
        public static Part data(String name) {
            return new Part(DATA_SCAN, name);
        }

        /** Whether this part is a model data input. */
        public boolean isData() {
            return scan == DATA_SCAN;
        }
    }

    public Program {
        scans = List.copyOf(Require.noNulls(scans, "Program", "scans"));
        Require.notNull(model, "Program", "model");
        if (scans.isEmpty()) {
            throw new UnrollException("a program needs at least one scan, the last computing the loss; plan one with"
                    + " Planner.plan(model)");
        }
    }

    /** The scan that computes the loss. */
    public Scan lossScan() {
        return scans.get(scans.size() - 1);
    }
}
