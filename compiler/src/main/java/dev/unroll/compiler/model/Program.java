package dev.unroll.compiler.model;

import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import java.util.ArrayList;
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

    /** The model-level per-step mask of a masked program: 1 where a row's step is valid, else 0 ({@code [B×1]}). */
    public static final String MASK = "mask";

    /**
     * The model-level per-step loss weight of a masked program ({@code [B×1]}): the mask for a head on every step,
     * 1 at each row's last valid step for a last-step head.
     */
    public static final String WEIGHT = "weight";

    /**
     * One cell run over time; {@code reverse} runs it from the last step to the first. {@code params} references
     * each of the cell's parameters and {@code initialStates} each of its states' learned initial value, in the
     * cell's order.
     */
    public record Scan(String name, Cell cell, boolean reverse, List<Feed> feeds, List<ParamRef> params,
                       List<ParamRef> initialStates) {
        public Scan {
            Require.notNull(name, "Program.Scan", "name");
            Require.notNull(cell, "Program.Scan", "cell");
            feeds = List.copyOf(Require.noNulls(feeds, "Program.Scan", "feeds"));
            params = List.copyOf(Require.noNulls(params, "Program.Scan", "params"));
            initialStates = List.copyOf(Require.noNulls(initialStates, "Program.Scan", "initialStates"));
            if (params.size() != cell.params().size() || initialStates.size() != cell.states().size()) {
                throw new UnrollException("scan '" + name + "' references " + params.size() + " parameters and "
                        + initialStates.size() + " initial states, but its cell '" + cell.name() + "' has "
                        + cell.params().size() + " and " + cell.states().size() + "; reference each in order");
            }
        }
    }

    /**
     * One learned array of the program: what it is, where it lives (scan and slot: the position among the scan
     * cell's parameters, or among its states for an initial state), its shape and how it is initialized.
     */
    public record Parameter(ParamRef ref, int scan, int slot, Shape shape, Init init) {
        public Parameter {
            Require.notNull(ref, "Program.Parameter", "ref");
            Require.notNull(shape, "Program.Parameter", "shape");
            Require.notNull(init, "Program.Parameter", "init");
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

    /**
     * Every learned array in a fixed order: scan by scan, the cell's parameters, then (when initial states are
     * learned) one row per state.
     */
    public List<Parameter> parameters() {
        boolean learned = model.initialState() == InitialState.LEARNED;
        List<Parameter> out = new ArrayList<>();
        for (int k = 0; k < scans.size(); k++) {
            Scan scan = scans.get(k);
            for (int p = 0; p < scan.params().size(); p++) {
                Cell.Param param = scan.cell().params().get(p);
                out.add(new Parameter(scan.params().get(p), k, p, param.shape(), param.init()));
            }
            for (int s = 0; learned && s < scan.initialStates().size(); s++) {
                Shape row = Shape.of(1, scan.cell().states().get(s).shape().cols());
                out.add(new Parameter(scan.initialStates().get(s), k, s, row, Init.zeros()));
            }
        }
        return out;
    }

    /** The outputs whose adjoints seed {@code scan}'s backward pass: the last scan's loss, else the layer output. */
    public List<String> seededOutputs(Scan scan) {
        return List.of(scan == lossScan() ? LossCell.LOSS : Planner.LAYER_OUTPUT);
    }

    /** The scan that computes the loss. */
    public Scan lossScan() {
        return scans.get(scans.size() - 1);
    }
}
