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
 * layers after it read the concatenation of both directions' outputs. An encoder–decoder plans its encoder first,
 * over the source, then the decoder, whose states start from the encoder's final states ({@link Program.Handover})
 * and whose cells' further inputs read the encoder's context.
 */
public final class Planner {

    /** The output name of a layer scan. */
    public static final String LAYER_OUTPUT = "y";

    /** The output name of the head (the logits or predictions). */
    public static final String HEAD_OUTPUT = "o";

    /** An encoder state's place and width, for the hand-over to the decoder. */
    private record FinalState(Program.StateAt at, int cols) {
    }

    private final Model model;
    private final NoiseSites sites;
    private final List<Program.Scan> scans = new ArrayList<>();
    private final List<Program.Handover> handovers = new ArrayList<>();
    // Per encoder layer: each state's final values by state name, one entry per direction.
    private final List<Map<String, List<FinalState>>> finalStates = new ArrayList<>();
    private List<Program.Part> context = List.of();
    private int contextWidth;
    private List<Program.Part> previous;
    private Encoding encoding;
    private boolean source;
    private int width;
    private boolean encoded;
    private OpenCell open;

    private Planner(Model model) {
        this.model = model;
        this.sites = new NoiseSites(model.regularization());
    }

    /** The program of {@code model}. */
    public static Program plan(Model model) {
        Require.notNull(model, "Planner.plan", "model");
        Planner p = new Planner(model);
        if (model.hasEncoder()) {
            p.encoder(model.encoder());
        }
        p.sequence(model.encoding(), Program.DATA, false);
        for (int l = 0; l < model.layers().size(); l++) {
            p.layer(l, model.layers().get(l));
        }
        p.headAndLoss();
        return new Program(p.scans, p.handovers, model);
    }

    /** Starts planning the sequence read from data input {@code data} through {@code newEncoding}. */
    private void sequence(Encoding newEncoding, String data, boolean onSource) {
        encoding = newEncoding;
        source = onSource;
        previous = List.of(Program.Part.data(data));
        width = newEncoding.tokens() ? 1 : newEncoding.width();
        encoded = false;
    }

    /** Plans the encoder's scans over the source; its top output, read at each row's end, is the context. */
    private void encoder(Encoder encoder) {
        sequence(encoder.encoding(), Program.SOURCE, true);
        for (int l = 0; l < encoder.layers().size(); l++) {
            finalStates.add(new LinkedHashMap<>());
            layer(l, encoder.layers().get(l));
        }
        if (open != null) {
            closeOpen();
        }
        context = previous.stream().map(part -> new Program.Part(part.scan(), part.name(), true)).toList();
        contextWidth = width;
    }

    /** The prefix of layer {@code index}'s names: {@code e0, e1, …} in an encoder, {@code l0, l1, …} otherwise. */
    private String prefix(int index) {
        return (source ? "e" : "l") + index;
    }

    private void layer(int index, Layer layer) {
        if (!layer.isBidirectional()) {
            openIfClosed(scans.isEmpty() ? (source ? "encoder" : "model") : prefix(index));
            width = open.inline(layer.forward(), index, prefix(index), width);
            return;
        }
        if (open != null || (!encoded && encoding instanceof Encoding.Embedding)) {
            openIfClosed(source ? "encode_source" : "encode");
            closeOpen();
        }
        int inWidth = width;
        boolean encodedBefore = encoded;
        List<Program.Part> input = previous;
        List<Program.Part> outputs = new ArrayList<>();
        int outWidth = 0;
        for (boolean reverse : new boolean[] {false, true}) {
            String name = prefix(index) + (reverse ? "b" : "f");
            previous = input;
            width = inWidth;
            encoded = encodedBefore;
            open = new OpenCell(name, reverse);
            int direction = open.inline(reverse ? layer.backward() : layer.forward(), index, name, width);
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
        scans.add(new Program.Scan(open.name, cell, false, false, feeds, open.paramRefs, open.stateRefs));
        open = null;
    }

    private void openIfClosed(String name) {
        if (open == null) {
            open = new OpenCell(name, false);
        }
    }

    private void closeOpen() {
        scans.add(new Program.Scan(open.name, open.close(LAYER_OUTPUT), open.reverse, open.source, open.feeds,
                open.paramRefs, open.stateRefs));
        previous = List.of(new Program.Part(scans.size() - 1, LAYER_OUTPUT));
        open = null;
    }

    /** A cell under construction: its input reads {@link #previous}, encoded on first use. */
    private final class OpenCell {
        final String name;
        final boolean reverse;
        final boolean source = Planner.this.source;
        final GraphBuilder b = new GraphBuilder();
        final List<Cell.Param> params = new ArrayList<>();
        final List<ParamRef> paramRefs = new ArrayList<>();
        final List<ParamRef> stateRefs = new ArrayList<>();
        final Map<String, int[]> states = new LinkedHashMap<>();
        final List<Program.Feed> feeds = new ArrayList<>();
        final List<Cell.Port> inputs = new ArrayList<>();
        final Map<Integer, Integer> masks = new LinkedHashMap<>();
        int current;
        int contextInput = -1;

        OpenCell(String name, boolean reverse) {
            this.name = name;
            this.reverse = reverse;
            String in = previous.size() == 1 && previous.get(0).isData() ? Program.DATA : "h_in";
            current = b.leaf(Op.INPUT, Shape.batch(width), Attrs.NONE, in, SourceLocation.UNKNOWN);
            inputs.add(new Cell.Port(in, current, b.shape(current)));
            feeds.add(new Program.Feed(in, previous));
            if (!encoded && encoding.tokens()) {
                encode();
            }
        }

        private void encode() {
            Encoding e = encoding;
            int vocab = e instanceof Encoding.OneHot o ? o.vocab() : ((Encoding.Embedding) e).vocab();
            current = b.apply(Op.ONE_HOT, List.of(current), Attrs.size(vocab), "onehot", SourceLocation.UNKNOWN);
            if (e instanceof Encoding.Embedding emb) {
                ParamRef ref = ParamRef.weight(source ? "src" : "", "W_emb");
                int w = b.leaf(Op.PARAM, Shape.of(vocab, emb.dim()), Attrs.NONE, ref.text(), SourceLocation.UNKNOWN);
                param(ref, w, Init.normal(0, 1));
                current = b.apply(Op.MATMUL, List.of(current, w), Attrs.NONE, "embedded", SourceLocation.UNKNOWN);
            }
            width = e.width();
            encoded = true;
        }

        /** Inlines layer {@code layer}'s cell made for {@code inWidth}; returns its output width. */
        int inline(java.util.function.IntFunction<Cell> factory, int layer, String prefix, int inWidth) {
            Cell cell = factory.apply(inWidth);
            if (cell == null) {
                throw new UnrollException("layer " + prefix + ": its cell factory returned null for input width "
                        + inWidth + "; it must return a cell");
            }
            Cell.Port out = layerOutput(cell, prefix);
            Map<String, Integer> bind = new LinkedHashMap<>();
            bindInputs(cell, prefix, inWidth, bind);
            List<int[]> placedStates = new ArrayList<>();
            for (Cell.State s : cell.states()) {
                ParamRef ref = ParamRef.initialState(prefix, s.name());
                int id = b.leaf(Op.STATE, s.shape(), Attrs.NONE, ref.inCell(), SourceLocation.UNKNOWN);
                bind.put(s.name(), s.next() == out.node() ? sites.stateRead(b, id) : id);
                handOver(layer, prefix, s, states.size());
                placedStates.add(new int[] {id, -1});
                states.put(ref.inCell(), placedStates.get(placedStates.size() - 1));
                stateRefs.add(ref);
            }
            Inline.Placed placed = Inline.into(b, cell, prefix, bind, sites::renumbered);
            params.addAll(placed.params());
            paramRefs.addAll(placed.refs());
            for (int s = 0; s < cell.states().size(); s++) {
                int[] ids = placedStates.get(s);
                // Zoneout before the select of a finished row, which keeps the previous value whatever zoneout drew.
                int next = sites.nextState(b, ids[0], placed.next().get(cell.states().get(s).name()));
                ids[1] = model.masked() ? b.apply(Op.SELECT, SourceLocation.UNKNOWN, mask(b.shape(next).cols()), next,
                        ids[0]) : next;
            }
            current = sites.output(b, placed.outputs().get(out.name()));
            width = out.shape().cols();
            return width;
        }

        /**
         * Binds the cell's first input to the layer below and, in a decoder, every further input to the encoder's
         * context; anywhere else a cell has exactly one input.
         */
        private void bindInputs(Cell cell, String prefix, int inWidth, Map<String, Integer> bind) {
            boolean decoder = model.hasEncoder() && !source;
            List<Cell.Port> in = cell.inputs();
            if (in.isEmpty() || in.get(0).shape().cols() != inWidth || in.size() > 1 && !decoder) {
                throw new UnrollException("layer " + prefix + ": its cell '" + cell.name() + "' must have "
                        + (decoder ? "a first" : "exactly one") + " input of width " + inWidth + " (the layer below),"
                        + " got " + in.stream().map(p -> p.name() + " " + p.shape()).toList()
                        + (decoder ? "" : "; only a decoder layer of an encoder–decoder may have"
                        + " further inputs, which read the encoder's context"));
            }
            bind.put(in.get(0).name(), current);
            for (int i = 1; i < in.size(); i++) {
                if (in.get(i).shape().cols() != contextWidth || !in.get(i).shape().batched()) {
                    throw new UnrollException("layer " + prefix + ": its cell '" + cell.name() + "' input '"
                            + in.get(i).name() + "' is " + in.get(i).shape() + ", but a decoder cell's further inputs"
                            + " read the encoder's context, [B×" + contextWidth + "] (its top layer's output); make"
                            + " the input that wide");
                }
                bind.put(in.get(i).name(), context());
            }
        }

        /** The context input of this cell, made on first use: the same value at every step, fed from the encoder. */
        private int context() {
            if (contextInput < 0) {
                contextInput = b.leaf(Op.INPUT, Shape.batch(contextWidth), Attrs.NONE, Program.CONTEXT,
                        SourceLocation.UNKNOWN);
                inputs.add(new Cell.Port(Program.CONTEXT, contextInput, b.shape(contextInput)));
                feeds.add(new Program.Feed(Program.CONTEXT, context));
            }
            return contextInput;
        }

        /**
         * Records state {@code s} of layer {@code layer} (slot {@code slot} of this cell): in an encoder, as a final
         * state to hand over; in a decoder, as starting from the same-named final state of encoder layer
         * {@code layer}.
         */
        private void handOver(int layer, String prefix, Cell.State s, int slot) {
            if (!model.hasEncoder()) {
                return;
            }
            Program.StateAt at = new Program.StateAt(scans.size(), slot);
            if (source) {
                finalStates.get(layer).computeIfAbsent(s.name(), n -> new ArrayList<>())
                        .add(new FinalState(at, s.shape().cols()));
                return;
            }
            List<FinalState> from = finalStates.get(layer).get(s.name());
            if (from == null) {
                throw new UnrollException("decoder layer " + prefix + ": its state '" + s.name() + "' starts from"
                        + " encoder layer " + layer + "'s final '" + s.name() + "', but that layer's states are "
                        + finalStates.get(layer).keySet() + "; give both layers cells with the same states");
            }
            int cols = from.stream().mapToInt(FinalState::cols).sum();
            if (cols != s.shape().cols() || !s.shape().batched()) {
                throw new UnrollException("decoder layer " + prefix + ": its state '" + s.name() + "' is "
                        + s.shape() + ", but encoder layer " + layer + "'s final '" + s.name() + "' is [B×" + cols
                        + "]" + (from.size() > 1 ? " (both directions side by side)" : "") + "; make the decoder's"
                        + " hidden size " + cols);
            }
            handovers.add(new Program.Handover(at.scan(), at.state(), from.stream().map(FinalState::at).toList()));
        }

        /**
         * The mask broadcast to {@code cols} columns, made on first use: a finished row's state keeps its previous
         * value through a true select, so padding can never reach it, not even as NaN.
         */
        private int mask(int cols) {
            if (masks.isEmpty()) {
                int m = b.leaf(Op.INPUT, Shape.batch(1), Attrs.NONE, Program.MASK, SourceLocation.UNKNOWN);
                inputs.add(new Cell.Port(Program.MASK, m, b.shape(m)));
                feeds.add(new Program.Feed(Program.MASK, List.of(Program.Part.data(source ? Program.SOURCE_MASK
                        : Program.MASK))));
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
