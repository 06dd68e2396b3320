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
 * scan computes the {@code loss} output. An encoder–decoder program has two time axes: its encoder's scans run over
 * the source, the decoder's over the target, and {@code handovers} start decoder states from encoder final states.
 */
public record Program(List<Scan> scans, List<Handover> handovers, Model model) {

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

    /** The model-level source input of an encoder–decoder program, read by the encoder's scans. */
    public static final String SOURCE = "source";

    /** The model-level per-step mask of the source ({@code [B×1]}), the encoder scans' {@link #MASK}. */
    public static final String SOURCE_MASK = "source_mask";

    /** The input a decoder cell's second input becomes: the encoder's top output at each row's last source step. */
    public static final String CONTEXT = "context";

    /**
     * One cell run over time; {@code reverse} runs it from the last step to the first, and {@code source} over the
     * source axis of an encoder–decoder (else over the model's own sequence). {@code params} references each of the
     * cell's parameters and {@code initialStates} each of its states' learned initial value, in the cell's order.
     */
    public record Scan(String name, Cell cell, boolean reverse, boolean source, List<Feed> feeds,
                       List<ParamRef> params, List<ParamRef> initialStates) {
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

    /**
     * An output of an earlier scan ({@code scan ≥ 0}) or a model data input ({@code scan = DATA_SCAN}); with {@code
     * last}, the scan's output at each row's last kernel step (a forward scan's last valid step, a backward scan's
     * first), the same at every step of the reader.
     */
    public record Part(int scan, String name, boolean last) {

        /** The {@link #scan()} of a model data input. */
        public static final int DATA_SCAN = -1;

        public Part {
            Require.notNull(name, "Program.Part", "name");
            if (scan < DATA_SCAN) {
                throw new UnrollException("Program.Part: scan must be an earlier scan's index or DATA_SCAN (-1), got "
                        + scan);
            }
            if (last && scan == DATA_SCAN) {
                throw new UnrollException("Program.Part: only an earlier scan's output can be read at its last step,"
                        + " not the data input '" + name + "'");
            }
        }

        /** Output {@code name} of scan {@code scan} at the same time step. */
        public Part(int scan, String name) {
            this(scan, name, false);
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

    /**
     * Where state {@code state} of scan {@code scan} (a decoder's) starts: the final values of {@code from}
     * (encoder states), side by side in order.
     */
    public record Handover(int scan, int state, List<StateAt> from) {
        public Handover {
            from = List.copyOf(Require.noNulls(from, "Program.Handover", "from"));
            if (from.isEmpty()) {
                throw new UnrollException("Program.Handover: state " + state + " of scan " + scan + " needs at least"
                        + " one encoder state to start from");
            }
        }
    }

    /** State {@code state} of scan {@code scan}. */
    public record StateAt(int scan, int state) {
    }

    public Program {
        scans = List.copyOf(Require.noNulls(scans, "Program", "scans"));
        handovers = List.copyOf(Require.noNulls(handovers, "Program", "handovers"));
        Require.notNull(model, "Program", "model");
        if (scans.isEmpty()) {
            throw new UnrollException("a program needs at least one scan, the last computing the loss; plan one with"
                    + " Planner.plan(model)");
        }
        for (Handover h : handovers) {
            for (StateAt from : h.from()) {
                if (h.scan() >= scans.size() || from.scan() >= h.scan()) {
                    throw new UnrollException("a program hands state " + h.state() + " of scan " + h.scan()
                            + " over from scan " + from.scan() + ", but a hand-over reads an earlier scan of the "
                            + scans.size() + "; plan the program with Planner.plan(model)");
                }
            }
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
