package dev.unroll.spark.sweep;

import dev.unroll.runtime.io.AtomicFiles;
import java.nio.file.Path;
import org.apache.spark.TaskContext;

/**
 * Wraps the real training function and fails the first attempt of one configuration's task, as a lost executor
 * would; the marker file shows the failure happened, so the retry test cannot pass by never failing.
 */
record FailOnce(TrainFunction inner, int failingId, String marker) implements TrainFunction {

    @Override
    public SweepResult train(SweepConfig config, SweepCorpus corpus, String checkpoint) {
        if (config.id() == failingId && TaskContext.get().attemptNumber() == 0) {
            AtomicFiles.writeString(Path.of(marker), "attempt 0 of configuration " + failingId + " failed\n");
            throw new IllegalStateException("simulated loss of the executor running configuration " + failingId);
        }
        return inner.train(config, corpus, checkpoint);
    }
}
