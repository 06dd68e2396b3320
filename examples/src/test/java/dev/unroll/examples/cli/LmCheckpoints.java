package dev.unroll.examples.cli;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.optim.Adam;
import dev.unroll.runtime.optim.Optimizer;
import dev.unroll.runtime.optim.SGD;
import dev.unroll.runtime.train.TrainingState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small language-model checkpoints built without training, and edits of them for the validation tests. */
final class LmCheckpoints {

    static final List<String> VOCAB = List.of("<unk>", " ", "a", "b");

    private LmCheckpoints() {
    }

    /** The flags {@code unroll train} saves, for a 1-layer LSTM with 4 hidden units. */
    static Map<String, String> flags(String optimizer) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("cell", "lstm");
        f.put("layers", "1");
        f.put("bidirectional", "false");
        f.put("hidden", "4");
        f.put("preprocessing", "lecture");
        f.put("tokens", "chars");
        f.put("steps", "5");
        f.put("batch", "4");
        f.put("seed", "42");
        f.put("optimizer", optimizer);
        f.put("lr", "1.0");
        f.put("dtype", "float32");
        f.put("truncation", "full");
        f.put("sampling", "random");
        return f;
    }

    /** The program of the model of {@link #flags}. */
    static Program program() {
        ModelOptions model = new ModelOptions();
        model.cell = "lstm";
        model.layers = 1;
        model.hidden = 4;
        return Planner.plan(model.languageModel(VOCAB.size()));
    }

    /** The checkpoint of a model after two epochs, with {@code optimizer}'s state after one step. */
    static Checkpoint trained(String optimizer) {
        Program program = program();
        ParamStore params = ParamStore.initialize(program, 7);
        Optimizer opt = optimizer.equals("adam") ? new Adam(0.01) : new SGD(1);
        ParamStore grads = params.zerosLike();
        for (int i = 0; i < grads.size(); i++) {
            for (int j = 0; j < grads.values(i).length; j++) {
                grads.values(i)[j] = Math.sin(i + 0.1 * j);
            }
        }
        opt.step(params, grads);
        TrainingState state = new TrainingState(params, opt, 2);
        state.restoreHistory(List.of(3.5, 2.5), List.of(3.0, 2.75));
        return LmCheckpoint.of(flags(optimizer), state, VOCAB);
    }

    /** {@code c} with the metadata field {@code key} set to {@code value} ({@code null} removes it). */
    static Checkpoint withField(Checkpoint c, String key, String value) {
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        if (value == null) {
            meta.remove(key);
        } else {
            meta.put(key, value);
        }
        return new Checkpoint(meta, c.arrays(), c.vocabulary());
    }

    /** {@code c} with the array {@code name} set to {@code array} ({@code null} removes it). */
    static Checkpoint withArray(Checkpoint c, String name, ShapedArray array) {
        return withArrays(c, arrays -> {
            if (array == null) {
                arrays.remove(name);
            } else {
                arrays.put(name, array);
            }
        });
    }

    /** {@code c} with its arrays edited by {@code edit} (in order). */
    static Checkpoint withArrays(Checkpoint c, Consumer<Map<String, ShapedArray>> edit) {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>(c.arrays());
        edit.accept(arrays);
        return new Checkpoint(c.metadata(), arrays, c.vocabulary());
    }

    /** {@code c} with value {@code index} of the array {@code name} replaced by {@code value}. */
    static Checkpoint withValue(Checkpoint c, String name, int index, double value) {
        ShapedArray old = c.array(name);
        double[] values = old.values();
        values[index] = value;
        return withArray(c, name, new ShapedArray(old.shape(), values));
    }

    /** {@code c} with the vocabulary {@code vocabulary}. */
    static Checkpoint withVocabulary(Checkpoint c, List<String> vocabulary) {
        return new Checkpoint(c.metadata(), c.arrays(), vocabulary);
    }
}
