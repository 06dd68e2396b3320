package dev.unroll.compiler.model;

import dev.unroll.compiler.loss.LossCell;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Init;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Attrs;
import dev.unroll.dsl.ir.GraphBuilder;
import dev.unroll.dsl.ir.Op;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.dsl.ir.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Model} into a {@link Program}. Consecutive unidirectional layers, the encoding, the head and the
 * loss fuse into one cell (one scan); each direction of a bidirectional layer is a scan of its own, and the
 * layers after it read the concatenation of both directions' outputs.
 */
public final class Planner {

    /** The output name of a layer scan. */
    public static final String LAYER_OUTPUT = "y";

    /** The output name of the head (the logits or predictions). */
    public static final String HEAD_OUTPUT = "o";

    private final Model model;
    private final List<Program.Scan> scans = new ArrayList<>();
    private List<Program.Part> previous = List.of(Program.Part.data(Program.DATA));
    private int width;
    private boolean encoded;
    private OpenCell open;

    private Planner(Model model) {
        this.model = model;
        this.width = model.encoding().tokens() ? 1 : model.encoding().width();
    }

    /** The program of {@code model}. */
    public static Program plan(Model model) {
        Require.notNull(model, "Planner.plan", "model");
        Planner p = new Planner(model);
        for (int l = 0; l < model.layers().size(); l++) {
            p.layer(l, model.layers().get(l));
        }
        p.headAndLoss();
        return new Program(p.scans, model);
    }

    private void layer(int index, Layer layer) {
        if (!layer.isBidirectional()) {
            openIfClosed(scans.isEmpty() ? "model" : "l" + index);
            width = open.inline(layer.forward(), "l" + index, width);
            return;
        }
        if (open != null || (!encoded && model.encoding() instanceof Encoding.Embedding)) {
            openIfClosed("encode");
            closeOpen();
        }
        int inWidth = width;
        boolean encodedBefore = encoded;
        List<Program.Part> input = previous;
        List<Program.Part> outputs = new ArrayList<>();
        int outWidth = 0;
        for (boolean reverse : new boolean[] {false, true}) {
            String name = "l" + index + (reverse ? "b" : "f");
            previous = input;
            width = inWidth;
            encoded = encodedBefore;
            open = new OpenCell(name, reverse);
            int direction = open.inline(reverse ? layer.backward() : layer.forward(), name, width);
            outWidth = widthOfBoth(index, outWidth, direction);
            outputs.add(new Program.Part(scans.size(), LAYER_OUTPUT));
            closeOpen();
        }
        encoded = true;
        previous = outputs;
        width = outWidth;
    }

    /** The width of a bidirectional layer's output, both directions side by side. */
    private static int widthOfBoth(int index, int forward, int backward) {
        if ((long) forward + backward > Shape.MAX_ELEMENTS) {
            throw new UnrollException("layer " + index + ": its two directions are " + forward + " and " + backward
                    + " wide, together more than the " + Shape.MAX_ELEMENTS + " columns a value can have; use a"
                    + " smaller hidden size");
        }
        return forward + backward;
    }

    private void headAndLoss() {
        openIfClosed(scans.isEmpty() ? "model" : "head");
        int out = open.current;
        Head head = model.head();
        if (head.outputs() > 0) {
            int w = open.b.leaf(Op.PARAM, Shape.of(width, head.outputs()), Attrs.NONE, "W_hq", SourceLocation.UNKNOWN);
            int bias = open.b.leaf(Op.PARAM, Shape.of(1, head.outputs()), Attrs.NONE, "b_q", SourceLocation.UNKNOWN);
            open.param(ParamRef.weight("", "W_hq"), w, Init.xavier());
            open.param(ParamRef.weight("", "b_q"), bias, Init.zeros());
            out = open.b.apply(Op.ADD_BIAS, SourceLocation.UNKNOWN, open.b.apply(Op.MATMUL, SourceLocation.UNKNOWN, out, w), bias);
        }
        open.current = out;
        Cell cell = LossCell.attach(open.close(HEAD_OUTPUT), HEAD_OUTPUT, model.loss(), model.masked());
        List<Program.Feed> feeds = new ArrayList<>(open.feeds);
        feeds.add(new Program.Feed(LossCell.targetName(HEAD_OUTPUT), List.of(Program.Part.data(Program.TARGET))));
        if (model.masked()) {
            feeds.add(new Program.Feed(LossCell.WEIGHT, List.of(Program.Part.data(Program.WEIGHT))));
        }
        scans.add(new Program.Scan(open.name, cell, false, feeds, open.paramRefs, open.stateRefs));
        open = null;
    }

    private void openIfClosed(String name) {
        if (open == null) {
            open = new OpenCell(name, false);
        }
    }

    private void closeOpen() {
        scans.add(new Program.Scan(open.name, open.close(LAYER_OUTPUT), open.reverse, open.feeds, open.paramRefs,
                open.stateRefs));
        previous = List.of(new Program.Part(scans.size() - 1, LAYER_OUTPUT));
        open = null;
    }

    /** A cell under construction: its input reads {@link #previous}, encoded on first use. */
    private final class OpenCell {
        final String name;
        final boolean reverse;
        final GraphBuilder b = new GraphBuilder();
        final List<Cell.Param> params = new ArrayList<>();
        final List<ParamRef> paramRefs = new ArrayList<>();
        final List<ParamRef> stateRefs = new ArrayList<>();
        final Map<String, int[]> states = new LinkedHashMap<>();
        final List<Program.Feed> feeds = new ArrayList<>();
        final List<Cell.Port> inputs = new ArrayList<>();
        final Map<Integer, Integer> masks = new LinkedHashMap<>();
        int current;

        OpenCell(String name, boolean reverse) {
            this.name = name;
            this.reverse = reverse;
            String in = previous.size() == 1 && previous.get(0).isData() ? Program.DATA : "h_in";
            current = b.leaf(Op.INPUT, Shape.batch(width), Attrs.NONE, in, SourceLocation.UNKNOWN);
            inputs.add(new Cell.Port(in, current, b.shape(current)));
            feeds.add(new Program.Feed(in, previous));
            if (!encoded && model.encoding().tokens()) {
                encode();
            }
        }

        private void encode() {
            Encoding e = model.encoding();
            int vocab = e instanceof Encoding.OneHot o ? o.vocab() : ((Encoding.Embedding) e).vocab();
            current = b.apply(Op.ONE_HOT, List.of(current), Attrs.size(vocab), "onehot", SourceLocation.UNKNOWN);
            if (e instanceof Encoding.Embedding emb) {
                int w = b.leaf(Op.PARAM, Shape.of(vocab, emb.dim()), Attrs.NONE, "W_emb", SourceLocation.UNKNOWN);
                param(ParamRef.weight("", "W_emb"), w, Init.normal(0, 1));
                current = b.apply(Op.MATMUL, List.of(current, w), Attrs.NONE, "embedded", SourceLocation.UNKNOWN);
            }
            width = e.width();
            encoded = true;
        }

        /** Inlines the cell made for {@code inWidth}; returns its output width. */
        int inline(java.util.function.IntFunction<Cell> factory, String prefix, int inWidth) {
            Cell cell = factory.apply(inWidth);
            if (cell == null) {
                throw new UnrollException("layer " + prefix + ": its cell factory returned null for input width "
                        + inWidth + "; it must return a cell");
            }
            if (cell.inputs().size() != 1 || cell.inputs().get(0).shape().cols() != inWidth) {
                throw new UnrollException("layer " + prefix + ": its cell '" + cell.name() + "' must have exactly one"
                        + " input of width " + inWidth + ", got " + cell.inputs());
            }
            Cell.Port out = layerOutput(cell, prefix);
            Map<String, Integer> bind = new LinkedHashMap<>();
            bind.put(cell.inputs().get(0).name(), current);
            List<int[]> placedStates = new ArrayList<>();
            for (Cell.State s : cell.states()) {
                ParamRef ref = ParamRef.initialState(prefix, s.name());
                int id = b.leaf(Op.STATE, s.shape(), Attrs.NONE, ref.inCell(), SourceLocation.UNKNOWN);
                bind.put(s.name(), id);
                placedStates.add(new int[] {id, -1});
                states.put(ref.inCell(), placedStates.get(placedStates.size() - 1));
                stateRefs.add(ref);
            }
            Inline.Placed placed = Inline.into(b, cell, prefix, bind);
            params.addAll(placed.params());
            paramRefs.addAll(placed.refs());
            for (int s = 0; s < cell.states().size(); s++) {
                int[] ids = placedStates.get(s);
                int next = placed.next().get(cell.states().get(s).name());
                ids[1] = model.masked() ? b.apply(Op.SELECT, SourceLocation.UNKNOWN, mask(b.shape(next).cols()), next,
                        ids[0]) : next;
            }
            current = placed.outputs().get(out.name());
            width = out.shape().cols();
            return width;
        }

        /**
         * The mask broadcast to {@code cols} columns, made on first use: a finished row's state keeps its previous
         * value through a true select, so padding can never reach it, not even as NaN.
         */
        private int mask(int cols) {
            if (masks.isEmpty()) {
                int m = b.leaf(Op.INPUT, Shape.batch(1), Attrs.NONE, Program.MASK, SourceLocation.UNKNOWN);
                inputs.add(new Cell.Port(Program.MASK, m, b.shape(m)));
                feeds.add(new Program.Feed(Program.MASK, List.of(Program.Part.data(Program.MASK))));
                masks.put(1, m);
            }
            return masks.computeIfAbsent(cols, c -> b.apply(Op.BROADCAST_COLS, List.of(masks.get(1)), Attrs.size(c),
                    null, SourceLocation.UNKNOWN));
        }

        void param(ParamRef ref, int node, Init init) {
            params.add(new Cell.Param(ref.text(), node, b.shape(node), init));
            paramRefs.add(ref);
        }

        Cell close(String outputName) {
            List<Cell.State> st = new ArrayList<>();
            states.forEach((n, ids) -> st.add(new Cell.State(n, ids[0], ids[1], b.shape(ids[0]))));
            List<Cell.Port> outs = List.of(new Cell.Port(outputName, current, b.shape(current)));
            return new Cell(name, b.build(), inputs, st, params, outs, SourceLocation.UNKNOWN);
        }
    }

    private static Cell.Port layerOutput(Cell cell, String prefix) {
        if (cell.outputs().size() == 1) {
            return cell.outputs().get(0);
        }
        return cell.outputs().stream().filter(o -> o.name().equals(LAYER_OUTPUT)).findFirst()
                .orElseThrow(() -> new UnrollException("layer " + prefix + ": cell '" + cell.name() + "' has several"
                        + " outputs and none named 'y'; name the layer's output 'y'"));
    }

}
