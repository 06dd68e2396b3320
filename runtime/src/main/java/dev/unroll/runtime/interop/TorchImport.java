package dev.unroll.runtime.interop;

import dev.unroll.compiler.model.ParamRef;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.dsl.ir.Shape;
import dev.unroll.runtime.checkpoint.ShapedArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a PyTorch state dict into the parameters of a program whose layers are all one {@link TorchCell} kind,
 * optionally after an {@code nn.Embedding} ({@code W_emb}) and before an output {@code nn.Linear}
 * ({@code W_hq}, {@code b_q}). PyTorch stacks a layer's gates in the rows of {@code weight_ih_l<k>} and
 * {@code weight_hh_l<k>} and computes {@code x Wᵀ}, so each gate's block is transposed into {@code W_x<gate>} and
 * {@code W_h<gate>}; its two biases are summed where the cell has one (docs/INTEROP.md). Layer {@code l<k>} reads
 * the keys of layer k, and the backward direction {@code l<k>b} those ending in {@code _reverse}. Initial states
 * stay zero, as PyTorch's are when none is passed. Every key must find its place, and every array its shape.
 */
public final class TorchImport {

    private static final Pattern LAYER = Pattern.compile("l(\\d+)([fb]?)");

    private final Program program;
    private final TorchCell cell;
    private final TorchStateDict dict;
    private final ParamStore store;

    private TorchImport(Program program, TorchCell cell, TorchStateDict dict) {
        this.program = program;
        this.cell = cell;
        this.dict = dict;
        this.store = ParamStore.zeros(program);
    }

    /**
     * The parameters of {@code program} (its layers {@code cell}s) from the PyTorch state dict {@code stateDict},
     * read from {@code source} (named in messages).
     */
    public static ParamStore params(Program program, TorchCell cell, Map<String, ShapedArray> stateDict,
                                    String source) {
        Require.notNull(program, "TorchImport.params", "program");
        Require.notNull(cell, "TorchImport.params", "cell");
        Require.notNull(stateDict, "TorchImport.params", "stateDict");
        Require.notNull(source, "TorchImport.params", "source");
        TorchImport in = new TorchImport(program, cell, new TorchStateDict(stateDict, source));
        in.load();
        return in.store;
    }

    private void load() {
        Map<String, List<ParamRef>> layers = new LinkedHashMap<>();
        for (Program.Parameter p : program.parameters()) {
            if (p.ref().kind() == ParamRef.Kind.WEIGHT) {
                layers.computeIfAbsent(p.ref().layer(), l -> new ArrayList<>()).add(p.ref());
            }
        }
        String recurrent = layers.keySet().stream().anyMatch(l -> !l.isEmpty()) ? dict.recurrentPrefix() : "";
        // The layers first: their shapes say the most about a model that does not fit the file.
        layers.forEach((layer, refs) -> {
            if (!layer.isEmpty()) {
                recurrentLayer(recurrent, layer, refs);
            }
        });
        layers.getOrDefault("", List.of()).forEach(this::modelsOwn);
        dict.requireAllUsed();
    }

    /** The embedding or the head. */
    private void modelsOwn(ParamRef ref) {
        Shape shape = shape(ref);
        switch (ref.name()) {
            case "W_emb" -> set(ref, dict.take(dict.embeddingModule() + "weight", new int[] {shape.rows(),
                    shape.cols()}, "the model's embedding W_emb " + shape + " needs nn.Embedding's weight").values());
            case "W_hq" -> set(ref, BlockCopy.transposed(dict.take(dict.headModule() + "weight", new int[] {
                    shape.cols(), shape.rows()}, "the head W_hq " + shape + " needs nn.Linear's weight, its"
                    + " transpose,"), 0, shape.cols(), shape.rows()));
            case "b_q" -> set(ref, dict.take(dict.headModule() + "bias", new int[] {shape.cols()}, "the head's b_q "
                    + shape + " needs nn.Linear's bias").values());
            default -> throw new UnrollException("the model's own parameter '" + ref + "' has no counterpart in a"
                    + " PyTorch state dict (only W_emb, W_hq and b_q do); import into a model of an embedding or"
                    + " one-hot input, " + cell.module() + " layers and a dense head");
        }
    }

    private void recurrentLayer(String recurrent, String layer, List<ParamRef> refs) {
        Matcher m = LAYER.matcher(layer);
        Set<String> names = new TreeSet<>(refs.stream().map(ParamRef::name).toList());
        if (!m.matches() || !names.equals(new TreeSet<>(cell.parameterNames()))) {
            throw new UnrollException("layer " + layer + " of the model has the parameters " + names + ", but "
                    + cell.module() + "'s weights load into a layer " + cell.cellName() + " makes, with "
                    + new TreeSet<>(cell.parameterNames()) + " (decoders and other cells have no mapping); build"
                    + " every layer with " + cell.cellName() + " (TorchCell." + cell.name() + ".layer)");
        }
        String suffix = "l" + m.group(1) + ("b".equals(m.group(2)) ? "_reverse" : "");
        List<TorchCell.Gate> gates = cell.gates();
        int hidden = shape(ParamRef.weight(layer, gates.get(0).hiddenWeight())).cols();
        int input = shape(ParamRef.weight(layer, gates.get(0).inputWeight())).rows();
        int rows = gates.size() * hidden;
        String why = cell.module() + " layer " + layer + " of " + gates.size() + " gates ("
                + String.join(", ", gates.stream().map(TorchCell.Gate::torch).toList()) + ") × " + hidden + " hidden";
        ShapedArray wih = dict.take(recurrent + "weight_ih_" + suffix, new int[] {rows, input}, why + " and "
                + input + " inputs needs it");
        ShapedArray whh = dict.take(recurrent + "weight_hh_" + suffix, new int[] {rows, hidden}, why + " needs it");
        ShapedArray bih = dict.take(recurrent + "bias_ih_" + suffix, new int[] {rows}, why + " needs it");
        ShapedArray bhh = dict.take(recurrent + "bias_hh_" + suffix, new int[] {rows}, why + " needs it");
        for (int g = 0; g < gates.size(); g++) {
            TorchCell.Gate gate = gates.get(g);
            int from = g * hidden;
            set(ParamRef.weight(layer, gate.inputWeight()), BlockCopy.transposed(wih, from, hidden, input));
            set(ParamRef.weight(layer, gate.hiddenWeight()), BlockCopy.transposed(whh, from, hidden, hidden));
            List<String> biases = gate.biases();
            if (gate.separateBiases()) {
                set(ParamRef.weight(layer, biases.get(0)), BlockCopy.slice(bih, from, hidden));
                set(ParamRef.weight(layer, biases.get(1)), BlockCopy.slice(bhh, from, hidden));
            } else {
                set(ParamRef.weight(layer, biases.get(0)), BlockCopy.sum(bih, bhh, from, hidden));
            }
        }
    }

    private Shape shape(ParamRef ref) {
        return store.parameter(store.position(ref)).shape();
    }

    private void set(ParamRef ref, double[] values) {
        Shape s = shape(ref);
        store.set(ref, new int[] {s.rows(), s.cols()}, values, "the PyTorch import");
    }
}
