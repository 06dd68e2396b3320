package dev.unroll.compiler.model;

import dev.unroll.dsl.Cell;
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
            feeds = List.copyOf(feeds);
        }
    }

    /** What feeds one input of a scan's cell at step t: the concatenation of {@code parts} at step t. */
    public record Feed(String input, List<Part> parts) {
        public Feed {
            parts = List.copyOf(parts);
        }
    }

    /** An output of an earlier scan ({@code scan ≥ 0}) or a model data input ({@code scan = DATA_SCAN}). */
    public record Part(int scan, String name) {

        /** The {@link #scan()} of a model data input. */
        public static final int DATA_SCAN = -1;

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
        scans = List.copyOf(scans);
    }

    /** The scan that computes the loss. */
    public Scan lossScan() {
        return scans.get(scans.size() - 1);
    }
}
