package dev.unroll.examples.cli;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code train} shows while an epoch runs: a one-line progress display on the terminal (nothing when output
 * is redirected) and, with {@code --log-grad-norm}, every step's loss and global gradient norm before clipping as
 * tab-separated values.
 */
final class TrainProgress implements Trainer.Progress, AutoCloseable {

    private final boolean terminal = System.console() != null;
    private final PrintWriter log;
    private final String logName;

    private TrainProgress(PrintWriter log, String logName) {
        this.log = log;
        this.logName = logName;
    }

    /** Progress with a step log at {@code target} ({@code -} for standard output, {@code null} for none). */
    static TrainProgress open(String target) {
        if (target == null) {
            return new TrainProgress(null, null);
        }
        PrintWriter log = "-".equals(target) ? new PrintWriter(System.out, true) : file(Path.of(target));
        log.println("epoch\tminibatch\tloss\tgrad_norm\tclipped");
        return new TrainProgress(log, target);
    }

    private static PrintWriter file(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnrollException("--log-grad-norm " + path + ": cannot write it: " + e);
        }
    }

    @Override
    public void update(int done, int total) {
        if (terminal && (done == total || done % 10 == 0)) {
            System.err.printf("\r  batch %d/%d (%d%%)", done, total, 100 * done / total);
        }
    }

    @Override
    public void step(int epoch, int minibatch, double loss, double gradientNorm, boolean clipped) {
        if (log != null) {
            log.printf(Locale.ROOT, "%d\t%d\t%.6g\t%.6g\t%b%n", epoch, minibatch, loss, gradientNorm, clipped);
        }
    }

    /** Removes the progress display before a line of the transcript. */
    void clear() {
        if (terminal) {
            System.err.print("\r" + " ".repeat(40) + "\r");
        }
    }

    @Override
    public void close() {
        if (log == null) {
            return;
        }
        log.flush();
        if (log.checkError()) {
            throw new UnrollException("--log-grad-norm " + logName + ": writing the log failed (disk full?)");
        }
        if (!"-".equals(logName)) {
            log.close();
        }
    }
}
