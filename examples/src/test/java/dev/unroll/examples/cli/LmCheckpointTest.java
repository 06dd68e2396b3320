package dev.unroll.examples.cli;

import static dev.unroll.examples.cli.LmCheckpoints.trained;
import static dev.unroll.examples.cli.LmCheckpoints.withArray;
import static dev.unroll.examples.cli.LmCheckpoints.withField;
import static dev.unroll.examples.cli.LmCheckpoints.withValue;
import static dev.unroll.examples.cli.LmCheckpoints.withVocabulary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.compiler.model.ParamRef;
import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.checkpoint.ShapedArray;
import dev.unroll.runtime.checkpoint.StoreArrays;
import dev.unroll.runtime.optim.SGD;
import dev.unroll.runtime.train.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A language-model checkpoint is untrusted input: the cases the misuse campaign found, with exact messages. */
class LmCheckpointTest {

    private static final String TAIL = "; use an intact checkpoint, e.g. the previous one, or train again";

    @TempDir
    Path dir;

    private String rejected(Checkpoint c) {
        Path file = dir.resolve("lm.ckpt");
        Checkpoints.write(file, c);
        String message = assertThrows(UnrollException.class, () -> LmCheckpoint.read(file)).getMessage();
        String prefix = "Checkpoint " + file.toAbsolutePath() + " is invalid: ";
        assertEquals(prefix, message.substring(0, Math.min(prefix.length(), message.length())), message);
        assertEquals(TAIL, message.substring(message.length() - TAIL.length()), message);
        return message.substring(prefix.length(), message.length() - TAIL.length());
    }

    @Test
    void validCheckpointsLoadWithTheirShapesAndValues() {
        for (String optimizer : List.of("sgd", "adam")) {
            Checkpoint c = trained(optimizer);
            Path file = dir.resolve(optimizer + ".ckpt");
            Checkpoints.write(file, c);
            ModelCheckpoint.Loaded loaded = LmCheckpoint.read(file);
            assertEquals(2, loaded.training().orElseThrow().epochsDone());
            assertEquals(LmCheckpoints.VOCAB, loaded.description().vocabulary());
            assertArrayEquals(c.array("param/W_hq").values(), loaded.params().values(ParamRef.weight("", "W_hq")));
        }
        assertArrayEquals(new int[] {4, 4}, trained("adam").array("optim/m.l0__W_xi").shape(),
                "Adam's moments are saved with their parameter's shape");
    }

    @Test
    void theCampaignsMetadataEditsAreRejectedWithTheFieldTheValueAndTheRange() {
        Checkpoint c = trained("sgd");
        assertEquals("the metadata field 'hidden' must be a whole number in 1..46340, but is 'abc'",
                rejected(withField(c, "hidden", "abc")));
        assertEquals("the metadata field 'layers' must be a whole number in 1..64, but is '2147483647'",
                rejected(withField(c, "layers", "2147483647")));
        assertEquals("the metadata field 'epochs_done' must be a whole number in 0..2147483647, but is '-1'",
                rejected(withField(c, "epochs_done", "-1")));
        assertEquals("the array 'history/train' has shape [2], but a perplexity history of the 3 completed epochs"
                + " needs [3]", rejected(withField(c, "epochs_done", "3")));
        assertEquals("the metadata field 'bidirectional' must be true or false, but is 'yes'",
                rejected(withField(c, "bidirectional", "yes")));
        assertEquals("the metadata field 'optimizer' must be one of sgd, adam, but is 'rmsprop'",
                rejected(withField(c, "optimizer", "rmsprop")));
        assertEquals("the metadata field 'cell' must be rnn, lstm, gru, gru-torch or a Java class name, but is"
                + " 'lstm;rm'", rejected(withField(c, "cell", "lstm;rm")));
        assertEquals("the metadata field 'truncation' must be full, fixed:K (K ≥ 1) or random:π (0 < π ≤ 1), but"
                + " is 'fixed:0'", rejected(withField(c, "truncation", "fixed:0")));
        assertEquals("its training settings do not fit together: fixed truncation k = 6 is longer than the sequence"
                + " (T = 5); use k ≤ T, or full truncation", rejected(withField(c, "truncation", "fixed:6")));
        assertEquals("it has no metadata field 'dtype'", rejected(withField(c, "dtype", null)));
        assertEquals("the metadata field 'format' must be 'unroll-language-model' (a language model saved by unroll"
                + " train), but is 'npz'", rejected(withField(c, "format", "npz")));
    }

    @Test
    void arraysMustHaveTheShapesOfTheModelsParametersNotJustTheirLengths() {
        Checkpoint c = trained("adam");
        ShapedArray w = c.array("param/l0__W_xi");
        assertEquals("the array 'param/l0__W_xi' has shape [2, 8], but the model (1-layer lstm, 4 hidden,"
                + " vocabulary 4) needs [4, 4]", rejected(withArray(c, "param/l0__W_xi",
                new ShapedArray(new int[] {2, 8}, w.values()))));
        assertEquals("the array 'param/l0__W_xi' has shape [4, 4], but the model (1-layer lstm, 4 hidden,"
                + " vocabulary 5) needs [5, 4]", rejected(withVocabulary(c, List.of("<unk>", " ", "a", "b", "c"))));
        assertEquals("the array 'optim/v.b_q' has shape [4], but adam state for the model (1-layer lstm, 4"
                + " hidden, vocabulary 4) needs [1, 4]", rejected(withArray(c, "optim/v.b_q",
                ShapedArray.vector(c.array("optim/v.b_q").values()))));
        assertEquals("it has no array 'optim/m.b_q'", rejected(withArray(c, "optim/m.b_q", null)));
        assertEquals("it has an array 'param/extra' that is neither a parameter of its model (1-layer lstm, 4"
                + " hidden, vocabulary 4) nor state of its optimizer (adam) nor a perplexity history",
                rejected(withArray(c, "param/extra", ShapedArray.vector(1))));
        assertEquals("it has an array 'optim/step' that is neither a parameter of its model (1-layer lstm, 4"
                + " hidden, vocabulary 4) nor state of its optimizer (sgd) nor a perplexity history",
                rejected(withField(c, "optimizer", "sgd")));
        assertEquals("the array 'optim/v.W_hq' holds Adam's second moments, which are >= 0, but has -0.5 at index 3",
                rejected(withValue(c, "optim/v.W_hq", 3, -0.5)));
        assertEquals("the array 'optim/step' must hold Adam's step count, a whole number in 0..2^53, but holds 1.5",
                rejected(withValue(c, "optim/step", 0, 1.5)));
    }

    @Test
    void nonFiniteValuesAreRejectedWithTheArrayAndTheFirstBadIndex() {
        assertEquals("the array 'param/W_hq' holds the non-finite value NaN at index 5 (of 16), so the model it"
                + " stores is unusable", rejected(withValue(trained("sgd"), "param/W_hq", 5, Double.NaN)));
        assertEquals("the array 'optim/m.b_q' holds the non-finite value -Infinity at index 0 (of 4), so the model"
                + " it stores is unusable", rejected(withValue(trained("adam"), "optim/m.b_q", 0,
                Double.NEGATIVE_INFINITY)));
        assertEquals("the array 'history/validation' holds NaN at index 1, but a perplexity is > 0",
                rejected(withValue(trained("sgd"), "history/validation", 1, Double.NaN)));
    }

    @Test
    void theVocabularyMustBeNonEmptyDistinctAndStartWithUnk() {
        Checkpoint c = trained("sgd");
        assertEquals("its vocabulary must start with '<unk>', but is empty", rejected(withVocabulary(c, List.of())));
        assertEquals("its vocabulary must not repeat a token, but 'a' is both token 2 and token 3",
                rejected(withVocabulary(c, List.of("<unk>", " ", "a", "a"))));
        assertEquals("its vocabulary must start with '<unk>', but starts with ' '",
                rejected(withVocabulary(c, List.of(" ", "<unk>", "a", "b"))));
    }

    @Test
    void aModelWithNonFiniteParametersIsNeverSavedSoTheLastGoodCheckpointSurvives() throws IOException {
        Path file = dir.resolve("run.ckpt");
        Checkpoints.write(file, trained("sgd"));
        byte[] good = Files.readAllBytes(file);
        ParamStore params = ParamStore.zeros(LmCheckpoints.program());
        StoreArrays.restore(trained("sgd"), params, "trained");
        params.values(ParamRef.weight("", "b_q"))[2] = Double.POSITIVE_INFINITY;
        TrainingState diverged = new TrainingState(params, new SGD(1), 3);
        UnrollException e = assertThrows(UnrollException.class, () -> Checkpoints.write(file,
                LmCheckpoint.of(LmCheckpoints.flags("sgd"), diverged, LmCheckpoints.VOCAB)));
        assertEquals("not saving a checkpoint after epoch 3: the array 'param/b_q' holds the non-finite value"
                + " Infinity at index 2, and a checkpoint must hold a usable model, so the previous checkpoint file"
                + " is left as it was; the training diverged: lower --lr or clip the gradients (--clip), then resume"
                + " from the previous checkpoint or train again", e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file));
    }

    @Test
    void generateRefusesANonFiniteModelInsteadOfPrintingUnknownTokens() {
        Path file = dir.resolve("nan.ckpt");
        Checkpoints.write(file, withValue(trained("sgd"), "param/b_q", 1, Double.NaN));
        StringWriter err = new StringWriter();
        CommandLine cli = UnrollCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("generate", "--checkpoint", file.toString()));
        assertEquals("unroll generate: Checkpoint " + file.toAbsolutePath() + " is invalid: the array 'param/b_q'"
                + " holds the non-finite value NaN at index 1 (of 4), so the model it stores is unusable" + TAIL,
                err.toString().strip());
    }
}
