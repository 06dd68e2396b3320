package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.compiler.model.ParamStore;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import dev.unroll.runtime.inference.ModelCheckpoint;
import dev.unroll.runtime.optim.Adam;
import dev.unroll.runtime.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting from a checkpoint of a real (tiny) training run, thousands of damaged and edited files go through the
 * two load paths, {@code generate}'s and {@code train --resume}'s: none may throw anything but an
 * {@link UnrollException} with a message, none that {@link FuzzOracle} finds invalid may be accepted, and none it
 * finds valid may be rejected.
 */
class CheckpointFuzzTest {

    @TempDir
    Path dir;

    @Test
    void everyMutationIsRejectedCleanlyUnlessItLeavesAValidCheckpoint() throws IOException {
        long seed = Long.getLong("unroll.fuzz.seed", 20_260_607L);
        System.out.println("checkpoint fuzz: seed " + seed + " (repeat with -Dunroll.fuzz.seed=" + seed + ")");
        Path trained = train();
        byte[] original = Files.readAllBytes(trained);
        FuzzOracle oracle = new FuzzOracle(original);
        assertTrue(oracle.valid(original) && oracle.resumable(original), "the oracle accepts the original");
        ModelCheckpoint.Loaded model = LmCheckpoint.read(trained);
        Map<String, String> flags = Checkpoints.read(trained).metadata();
        Tally tally = new Tally();
        List<FuzzMutations.Case> cases = new FuzzMutations(original, seed).all();
        for (FuzzMutations.Case c : cases) {
            Path file = Files.write(dir.resolve("fuzz.ckpt"), c.bytes());
            tally.record(c.what() + " (generate)", oracle.valid(c.bytes()), () -> LmCheckpoint.read(file));
            tally.record(c.what() + " (train --resume)", oracle.resumable(c.bytes()), () -> {
                Checkpoint read = Checkpoints.read(file);
                LmCheckpoint.requireCompatible(read, flags, FuzzOracle.MUST_MATCH, file.toString());
                LmCheckpoint.restore(read, fresh(model));
            });
        }
        System.out.printf("checkpoint fuzz: %d cases, %d loads accepted, %d rejected, %d problems%n", cases.size(),
                tally.accepted, tally.rejected, tally.problems.size());
        assertEquals(List.of(), tally.problems.subList(0, Math.min(20, tally.problems.size())));
        assertTrue(tally.accepted >= 200 && tally.rejected >= 2000, "both verdicts are exercised: " + tally.accepted
                + " accepted, " + tally.rejected + " rejected");
    }

    /** Trains a 4-unit LSTM for one epoch with Adam through the command line, saving a checkpoint. */
    private Path train() throws IOException {
        Path text = Files.writeString(dir.resolve("tiny.txt"), "the time traveller said that the machine was"
                + " ready and it was time to travel through time to the end of the world ".repeat(8));
        Path checkpoint = dir.resolve("lm.ckpt");
        int code = UnrollCommand.commandLine().execute("train", "--text", text.toString(), "--hidden", "4", "--steps",
                "5", "--batch", "4", "--epochs", "1", "--threads", "1", "--optimizer", "adam", "--lr", "0.01",
                "--checkpoint", checkpoint.toString(), "--plot", dir.resolve("p.svg").toString(), "--generate", "1");
        assertEquals(0, code);
        return checkpoint;
    }

    /** The state {@code train --resume} restores into: the model's fresh parameters and a new optimizer. */
    private static TrainingState fresh(ModelCheckpoint.Loaded model) {
        return new TrainingState(ParamStore.initialize(model.program(), 42), new Adam(0.01), 0);
    }

    /** What the loads did, and every disagreement with the oracle or raw exception, described. */
    private static final class Tally {
        int accepted;
        int rejected;
        final List<String> problems = new ArrayList<>();

        void record(String what, boolean valid, Load load) {
            try {
                load.run();
                accepted++;
                if (!valid) {
                    problems.add("silently accepted: " + what);
                }
            } catch (UnrollException e) {
                rejected++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    problems.add("rejected without a message: " + what);
                } else if (valid) {
                    problems.add("rejected although valid: " + what + ": " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                problems.add("raw " + e + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")
                        + ": " + what);
            }
        }
    }

    private interface Load {
        void run();
    }
}
