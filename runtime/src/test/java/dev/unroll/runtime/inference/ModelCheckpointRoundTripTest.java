package dev.unroll.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.check.ForAll;
import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.Property;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.compiler.model.Planner;
import dev.unroll.compiler.model.Regularization;
import dev.unroll.kernels.Dtype;
import dev.unroll.runtime.data.DataSpec;
import dev.unroll.runtime.data.LineFormat;
import dev.unroll.runtime.data.RawExample;
import dev.unroll.runtime.data.Task;
import dev.unroll.runtime.data.TokenKind;
import dev.unroll.runtime.text.Preprocessing;
import dev.unroll.runtime.text.Vocab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Any model description, saved with its parameters and read back, is the same description with the same
 * parameters: over the standard cells and a cell class of the tests' own, layers, directions, widths, layer
 * normalization, embeddings, regularization, dtypes, tokens, preprocessing and vocabularies, for language models and
 * sequence tasks.
 */
class ModelCheckpointRoundTripTest {

    /** A description and the seed of its parameters. */
    record Case(ModelDescription description, long seed) {
    }

    static Gen<Case> cases() {
        return c -> {
            String cell = Gens.oneOf("rnn", "lstm", "gru", "gru-torch", TinyCell.class.getName()).generate(c);
            boolean normalizable = cell.equals("lstm") || cell.equals("gru");
            Architecture a = new Architecture(cell, Gens.integers(1, 3).generate(c), Gens.booleans().generate(c),
                    Gens.integers(1, 6).generate(c), normalizable && Gens.booleans().generate(c),
                    Gens.oneOf(0, 0, 1, 3).generate(c), new Regularization(Gens.oneOf(0.0, 0.25).generate(c),
                            Gens.oneOf(0.0, 0.5).generate(c), Gens.oneOf(0.0, 0.1).generate(c)));
            Dtype dtype = Gens.oneOf(Dtype.FLOAT32, Dtype.FLOAT64).generate(c);
            ModelDescription d = Gens.booleans().generate(c)
                    ? ModelDescription.sequenceTask(a, classify(
                            Gens.integers(1, 4).generate(c)), dtype)
                    : ModelDescription.languageModel(a, vocabulary(Gens.integers(0, 6).generate(c)), dtype,
                            Gens.oneOf(TokenKind.CHARS, TokenKind.WORDS).generate(c),
                            Gens.oneOf(Preprocessing.LECTURE, Preprocessing.RAW).generate(c));
            return new Case(d, Gens.longs(0, 1000).generate(c));
        };
    }

    @Property(tries = 60, seed = "20261208")
    void aSavedModelReadsBackAsItWasSaved(@ForAll("cases") Case k) throws IOException {
        ParamStore params = ParamStore.initialize(Planner.plan(k.description().model()), k.seed());
        Path file = Files.createTempFile("round-trip", ".ckpt");
        try {
            ModelCheckpoint.save(file, k.description(), params);
            ModelCheckpoint.Loaded loaded = ModelCheckpoint.read(file);
            assertEquals(k.description(), loaded.description());
            assertEquals(params.names(), loaded.params().names());
            for (int i = 0; i < params.size(); i++) {
                assertArrayEquals(params.values(i), loaded.params().values(i), params.names().get(i));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** {@code <unk>} and {@code extra} tokens. */
    private static List<String> vocabulary(int extra) {
        List<String> tokens = new ArrayList<>(List.of(Vocab.UNKNOWN));
        for (int i = 0; i < extra; i++) {
            tokens.add(String.valueOf((char) ('a' + i)));
        }
        return tokens;
    }

    /** A classification spec over characters with {@code labels} labels. */
    private static DataSpec classify(int labels) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            lines.append("ab".repeat(i + 1)).append('\t').append("L").append(i).append('\n');
        }
        List<RawExample> raw = LineFormat.parse("t", lines.toString(), TokenKind.CHARS, Task.CLASSIFY);
        return DataSpec.learn(raw, Task.CLASSIFY, TokenKind.CHARS);
    }
}
