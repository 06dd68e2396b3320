package dev.unroll.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.kernels.Acceleration;
import dev.unroll.runtime.checkpoint.Checkpoint;
import dev.unroll.runtime.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the vector kernels, training repeats bit for bit: a small LSTM language model trained twice from the same seed,
 * resumed from a checkpoint after the first epoch in a new {@link Trainer}, and resumed in a fresh JVM (where every
 * kernel starts interpreted, then is compiled by C1 and C2 while it trains) ends in a checkpoint with the same bytes,
 * with one thread and with two. Skipped without the vector module.
 */
class VectorRepeatabilityTest {

    @TempDir
    Path dir;

    @Test
    void straightRepeatedAndResumedRunsEndInTheSameCheckpointBytes() throws Exception {
        assumeTrue(Acceleration.vectorized(), "the vector module is absent: kernels run the plain path");
        List<String> forkArgs = new ArrayList<>();
        List<byte[]> straights = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            RepeatabilityRun run = new RepeatabilityRun(threads);
            byte[] straight = bytes(run.train(null, RepeatabilityRun.EPOCHS), "straight-" + threads);
            byte[] again = bytes(run.train(null, RepeatabilityRun.EPOCHS), "again-" + threads);
            Path afterOne = dir.resolve("epoch1-" + threads);
            Checkpoints.write(afterOne, run.train(null, 1));
            byte[] resumed = bytes(run.train(Checkpoints.read(afterOne), RepeatabilityRun.EPOCHS), "resumed-" + threads);
            assertArrayEquals(straight, again, threads + " thread(s): a second run from the same seed differs");
            assertArrayEquals(straight, resumed, threads + " thread(s): the run resumed after epoch 1 differs");
            straights.add(straight);
            forkArgs.addAll(List.of(Integer.toString(threads), afterOne.toString(),
                    dir.resolve("forked-" + threads).toString()));
        }
        fork(forkArgs);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(straights.get(i), Files.readAllBytes(dir.resolve("forked-" + (i + 1))), (i + 1)
                    + " thread(s): the run resumed after epoch 1 in a fresh JVM differs");
        }
    }

    private byte[] bytes(Checkpoint c, String name) throws IOException {
        Path file = dir.resolve(name);
        Checkpoints.write(file, c);
        return Files.readAllBytes(file);
    }

    /** Runs {@link RepeatabilityRun#main} in a new JVM with the vector module and this classpath. */
    private static void fork(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", Acceleration.MODULE, "-cp", System.getProperty("java.class.path"),
                RepeatabilityRun.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertEquals(0, done ? p.exitValue() : -1, () -> command + " failed: " + out);
    }
}
