package dev.unroll.runtime.text;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/data/timemachine.txt}, skipping the calling test with a message when it is absent. */
final class SharedData {

    private SharedData() {
    }

    static Path timeMachine() {
        String folder = System.getProperty("unroll.shared.data", "../shared/data");
        Path file = Path.of(folder, "timemachine.txt");
        assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file.toAbsolutePath() + " is absent (see"
                + " ../shared/data/README.md); the test needs The Time Machine");
        return file;
    }
}
