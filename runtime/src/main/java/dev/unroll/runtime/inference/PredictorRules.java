package dev.unroll.runtime.inference;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.Task;

/** What each of {@link Predictor}'s calls needs of its model and arguments, checked before any work. */
final class PredictorRules {

    private PredictorRules() {
    }

    /** A token id must name a token of the model's input vocabulary. */
    static void token(ModelDescription description, int token, String where) {
        int size = switch (description.kind()) {
            case LANGUAGE_MODEL -> description.vocabulary().size();
            case SEQUENCE_TASK -> description.task().kind().categorical() ? description.task().vocab().size() : 0;
        };
        if (token < 0 || token >= size) {
            throw new UnrollException(where + ": token id " + token + " is not in the vocabulary of " + size
                    + " tokens (0 to " + (size - 1) + "); encode text with encode(...)");
        }
    }

    /** Token ids are a language model's input, and a sequence task's over tokens unless it decodes (seq2seq). */
    static void tokenInput(ModelDescription description, String what) {
        DataSpec spec = description.task();
        if (spec != null && (spec.task() == Task.SEQ2SEQ || !spec.kind().categorical())) {
            throw new UnrollException("Predictor." + what + " reads token ids, but this " + spec.task().flag()
                    + " model reads " + (spec.task() == Task.SEQ2SEQ ? "a source and decodes a target" : "numbers")
                    + "; use predict");
        }
    }

    /** Text in and out, generation and scoring are a language model's. */
    static void languageModel(ModelDescription description, String what) {
        if (description.kind() != ModelDescription.Kind.LANGUAGE_MODEL) {
            throw new UnrollException("Predictor." + what + " is for a language model, but this is a "
                    + description.task().task().flag() + " model; use predict or run");
        }
    }

    /** Predictions of targets are a sequence task's. */
    static void task(ModelDescription description, String what) {
        if (description.kind() != ModelDescription.Kind.SEQUENCE_TASK) {
            throw new UnrollException("Predictor." + what + " is for a sequence-task model, but this is a language"
                    + " model; use generate, score, step or run");
        }
    }

    /** Stepping, generating and scoring read the past only, which a backward direction does not. */
    static void causal(ModelDescription description, String what) {
        languageModel(description, what);
        if (description.architecture().bidirectional()) {
            throw new UnrollException("Predictor." + what + " predicts each token from the ones before it, but this"
                    + " model is bidirectional and reads the whole sequence, later tokens too; use run on whole"
                    + " sequences, or a unidirectional model");
        }
    }
}
