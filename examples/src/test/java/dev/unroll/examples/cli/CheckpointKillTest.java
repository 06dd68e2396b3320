package dev.unroll.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training in a child JVM, saving a checkpoint after every (tiny) epoch, is killed with SIGKILL at seeded
 * random moments (every other one at the first save in progress after it) and resumed: after every kill the checkpoint, when there is one, reads and validates completely,
 * the temporary files of earlier kills are gone once a later save completed, and none is left after a last save.
 */
class CheckpointKillTest {

    private static final int KILLS = 20;
    private static final String TEMP = "\\.lm\\.ckpt\\.[0-9a-z]+\\.tmp";

    @TempDir
    Path dir;

    @Test
    void killedSavesNeverCorruptTheCheckpointAndTheNextSaveRemovesWhatTheyLeft() throws Exception {
        long seed = Long.getLong("unroll.kill.seed", 35L);
        System.out.println("checkpoint kill test: seed " + seed + " (repeat with -Dunroll.kill.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Path checkpoint = dir.resolve("lm.ckpt");
        Set<String> earlierTemps = Set.of();
        int earlierEpochs = 0;
        int leftTemps = 0;
        int removalsSeen = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            int delay = random.nextInt(250);
            Process child = start(Files.exists(checkpoint), 1_000_000, kill);
            awaitTraining(child, kill);
            Thread.sleep(delay);
            if (kill % 2 == 1) {
                awaitSaveInProgress();
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the killed child ends");
            Set<String> temps = temps();
            int epochs = Files.exists(checkpoint) ? LmCheckpoint.read(checkpoint).training().orElseThrow().epochsDone() : 0;
            if (epochs > earlierEpochs) {
                Set<String> kept = new HashSet<>(temps);
                kept.retainAll(earlierTemps);
                assertEquals(Set.of(), kept, "a save completed after kill " + (kill - 1) + " yet its leftovers remain");
                assertTrue(temps.size() <= 1, "at most the interrupted save's file: " + temps);
                removalsSeen += earlierTemps.isEmpty() ? 0 : 1;
            }
            leftTemps += temps.isEmpty() ? 0 : 1;
            earlierTemps = temps;
            earlierEpochs = Math.max(earlierEpochs, epochs);
        }
        Process last = start(Files.exists(checkpoint), earlierEpochs + 1, KILLS);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last run ends");
        assertEquals(0, last.exitValue(), errors(KILLS));
        assertEquals(earlierEpochs + 1, LmCheckpoint.read(checkpoint).training().orElseThrow().epochsDone());
        assertEquals(Set.of(), temps(), "no temporary file is left after a completed save");
        System.out.printf("checkpoint kill test: %d kills, %d left a temporary file, %d times a later save removed"
                + " them, %d epochs saved, no corrupt checkpoint%n", KILLS, leftTemps, removalsSeen, earlierEpochs + 1);
    }

    /** A child JVM training a 4-unit LSTM on a tiny text, saving after every epoch (resuming when asked). */
    private Process start(boolean resume, int epochs, int run) throws IOException {
        Path text = dir.resolve("tiny.txt");
        if (!Files.exists(text)) {
            Files.writeString(text, "the time traveller said that the machine was ready ".repeat(3));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and the serial collector: the child starts faster, which keeps the test short.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), UnrollCommand.class.getName(), "train", "--text",
                text.toString(), "--hidden", "4", "--steps", "5", "--batch", "4", "--validation", "0", "--threads",
                "1", "--epochs", Integer.toString(epochs), "--checkpoint", dir.resolve("lm.ckpt").toString(),
                "--plot", dir.resolve("p.svg").toString(), "--generate", "1"));
        if (resume) {
            command.add("--resume");
        }
        return new ProcessBuilder(command).redirectError(dir.resolve("run" + run + ".err").toFile()).start();
    }

    /** Waits until the child has finished an epoch (so training runs), draining its output meanwhile. */
    private void awaitTraining(Process child, int run) throws Exception {
        CompletableFuture<Boolean> training = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("epoch ")) {
                        training.complete(true);
                    }
                }
            } catch (IOException e) {
                // The child was killed; its output ends here.
            }
            training.complete(false);
        });
        reader.setDaemon(true);
        reader.start();
        if (!training.get(120, TimeUnit.SECONDS)) {
            fail("run " + run + " ended before training: " + errors(run));
        }
    }

    /**
     * Returns as soon as a save's temporary file exists (or after a second), so that every other kill lands inside
     * a save rather than between saves, where a kill tests less.
     */
    private void awaitSaveInProgress() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (temps().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private String errors(int run) throws IOException {
        return Files.readString(dir.resolve("run" + run + ".err"));
    }

    private Set<String> temps() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(TEMP))
                    .collect(Collectors.toSet());
        }
    }
}
