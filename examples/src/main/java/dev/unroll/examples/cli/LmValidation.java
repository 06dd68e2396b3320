package dev.unroll.examples.cli;

import dev.unroll.compiler.bptt.Truncation;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Program;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.checkpoint.CheckpointFields;
import dev.unroll.runtime.text.Vocab;
import dev.unroll.runtime.train.TrainConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates the metadata and vocabulary of a language-model checkpoint as untrusted input: every field's type and
 * range, the training settings together, and the vocabulary, before anything is built or allocated for the model
 * they describe ({@link LmArrays} then checks the arrays against that model).
 */
final class LmValidation {

    /** The most stacked layers a checkpoint may declare: deeper stacks do not train, and planning one costs time. */
    static final int MAX_LAYERS = 64;
    /** The most hidden units a checkpoint may declare: a square weight of more would not fit in a Java array. */
    static final int MAX_HIDDEN = 46_340;

    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}"
                    + "\\p{javaJavaIdentifierPart}*)*");

    private LmValidation() {
    }

    /**
     * The validated metadata and vocabulary of a checkpoint.
     *
     * @param model the model flags
     * @param data the text flags the vocabulary was built with
     * @param dtype the precision it was trained in
     * @param optimizer the optimizer whose state it holds
     * @param epochsDone the completed epochs
     * @param vocab the vocabulary
     */
    record Header(ModelOptions model, DataOptions data, Dtype dtype, TrainConfig.OptimizerKind optimizer,
                  int epochsDone, Vocab vocab) {

        /** The model in words, for messages, e.g. {@code 1-layer lstm, 8 hidden, vocabulary 28}. */
        String describe() {
            return model.describe() + ", vocabulary " + vocab.size();
        }

        /** The optimizer as the command line names it. */
        String optimizerName() {
            return optimizer.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks the format, every metadata field and the vocabulary. */
    static Header header(CheckpointFields f) {
        if (!LmCheckpoint.FORMAT.equals(f.text("format"))) {
            throw f.invalid("the metadata field 'format' must be '" + LmCheckpoint.FORMAT + "' (a language model"
                    + " saved by unroll train), but is " + CheckpointFields.quote(f.text("format")));
        }
        TrainConfig config = trainingSettings(f);
        return new Header(model(f), data(f), config.dtype(), config.optimizer(),
                f.integer("epochs_done", 0, Integer.MAX_VALUE), vocab(f));
    }

    /** The program of the checkpoint's model: planned symbolically, so nothing is allocated for its parameters. */
    static Program program(CheckpointFields f, Header h) {
        try {
            return Planner.plan(h.model().languageModel(h.vocab().size()));
        } catch (UnrollException e) {
            throw f.invalid("its model (" + h.describe() + ") cannot be built: " + e.getMessage());
        }
    }

    /** The model flags of a checkpoint, each checked. */
    static ModelOptions model(CheckpointFields f) {
        ModelOptions model = new ModelOptions();
        model.cell = f.text("cell");
        if (!List.of("rnn", "lstm", "gru", "gru-torch").contains(model.cell)
                && !CLASS_NAME.matcher(model.cell).matches()) {
            throw f.invalid("the metadata field 'cell' must be rnn, lstm, gru, gru-torch or a Java class name, but"
                    + " is " + CheckpointFields.quote(model.cell));
        }
        model.layers = f.integer("layers", 1, MAX_LAYERS);
        model.bidirectional = f.bool("bidirectional");
        model.hidden = f.integer("hidden", 1, MAX_HIDDEN);
        model.layerNorm = ModelOptions.layerNorm(f);
        model.dropout = probability(f, ModelOptions.DROPOUT);
        model.variationalDropout = probability(f, ModelOptions.VARIATIONAL_DROPOUT);
        model.zoneout = probability(f, ModelOptions.ZONEOUT);
        // Recorded only when set: a checkpoint without it has one-hot inputs.
        model.embedding = f.checkpoint().metadata().containsKey("embedding") ? f.integer("embedding", 1, MAX_HIDDEN)
                : 0;
        return model;
    }

    /** A probability in {@code [0, 1)}; absent in a checkpoint written before the field existed, when it was 0. */
    private static double probability(CheckpointFields f, String key) {
        String value = f.checkpoint().metadata().get(key);
        if (value == null) {
            return 0;
        }
        try {
            double p = Double.parseDouble(value);
            if (p >= 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number out of range.
        }
        throw f.invalid("the metadata field '" + key + "' must be a probability ≥ 0 and < 1, but is "
                + CheckpointFields.quote(value));
    }

    private static DataOptions data(CheckpointFields f) {
        DataOptions data = new DataOptions();
        data.preprocessing = f.choice("preprocessing", List.of("lecture", "raw"));
        data.tokens = f.choice("tokens", List.of("chars", "words"));
        return data;
    }

    /** The training flags, each checked alone and then together by the rules of {@link TrainConfig}. */
    private static TrainConfig trainingSettings(CheckpointFields f) {
        int steps = f.integer("steps", 1, Integer.MAX_VALUE);
        int batch = f.integer("batch", 1, Integer.MAX_VALUE);
        long seed = f.whole("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        String optimizer = f.choice("optimizer", List.of("sgd", "adam"));
        double lr = f.positive("lr");
        String dtype = f.choice("dtype", List.of("float32", "float64"));
        String sampling = f.choice("sampling", List.of("random", "sequential"));
        Truncation truncation = truncation(f);
        try {
            return new TrainConfig(steps, batch, 1, lr, TrainingOptions.optimizerKind(optimizer), 0, truncation,
                    TrainingOptions.sampling(sampling), TrainingOptions.dtype(dtype), 1, seed, 0, Double.POSITIVE_INFINITY);
        } catch (UnrollException e) {
            throw f.invalid("its training settings do not fit together: " + e.getMessage());
        }
    }

    private static Truncation truncation(CheckpointFields f) {
        String value = f.text("truncation");
        try {
            return TrainingOptions.truncation(value);
        } catch (UnrollException e) {
            throw f.invalid("the metadata field 'truncation' must be full, fixed:K (K ≥ 1) or random:π"
                    + " (0 < π ≤ 1), but is " + CheckpointFields.quote(value));
        }
    }

    private static Vocab vocab(CheckpointFields f) {
        List<String> tokens = f.checkpoint().vocabulary();
        if (tokens.isEmpty() || !Vocab.UNKNOWN.equals(tokens.get(0))) {
            throw f.invalid("its vocabulary must start with '" + Vocab.UNKNOWN + "', but "
                    + (tokens.isEmpty() ? "is empty" : "starts with " + CheckpointFields.quote(tokens.get(0))));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Integer previous = seen.put(tokens.get(i), i);
            if (previous != null) {
                throw f.invalid("its vocabulary must not repeat a token, but "
                        + CheckpointFields.quote(tokens.get(i)) + " is both token " + previous + " and token " + i);
            }
        }
        return Vocab.fromTokens(tokens);
    }
}
