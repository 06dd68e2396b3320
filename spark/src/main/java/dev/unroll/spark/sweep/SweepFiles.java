package dev.unroll.spark.sweep;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The driver's work on the tasks' checkpoints once a sweep is over: the best one copied, the others deleted. */
final class SweepFiles {

    private SweepFiles() {
    }

    /**
     * Copies the checkpoint of the run with the lowest final validation perplexity to {@code best} (atomically; a
     * stale copy is removed when no run completed) and deletes every run's own checkpoint unless {@code keep}.
     */
    static Optional<SweepResult> keepBest(List<SweepResult> runs, Path best, boolean keep) {
        Optional<SweepResult> winner = runs.stream()
                .filter(r -> Double.isFinite(r.finalValidationPerplexity()) && !r.checkpoint().isEmpty())
                .min(Comparator.comparingDouble(SweepResult::finalValidationPerplexity));
        try {
            if (winner.isPresent()) {
                AtomicFiles.write(best, Files.readAllBytes(Path.of(winner.get().checkpoint())));
            } else {
                Files.deleteIfExists(best);
            }
            if (!keep) {
                for (SweepResult r : runs) {
                    if (!r.checkpoint().isEmpty()) {
                        Files.deleteIfExists(Path.of(r.checkpoint()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UnrollException("cannot keep the best checkpoint as " + best + ": " + e + "; the sweep's tasks"
                    + " must write to a directory the driver sees (a shared file system on a cluster)", e);
        }
        return winner;
    }
}
