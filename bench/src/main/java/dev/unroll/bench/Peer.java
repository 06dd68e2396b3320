package dev.unroll.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A running {@code peers/train_step.py --serve}: requests go to its standard input, one line each, and each answer
 * is one line. A peer whose Python cannot import PyTorch answers {@code unavailable REASON}; {@link #unavailable()}
 * then says why, so that the caller skips the peer rows instead of failing.
 */
final class Peer implements AutoCloseable {

    private final Process process;
    private final PrintWriter requests;
    private final BufferedReader answers;
    private final String info;

    private Peer(Process process) throws IOException {
        this.process = process;
        this.requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.info = exchange("info");
    }

    /**
     * Starts {@code script} with {@code python}, OpenBLAS on one thread (NumPy's products are compared with one
     * core; PyTorch's threads are set per request). Empty when the process cannot start or cannot import PyTorch.
     */
    static Optional<Peer> start(String python, Path script, StringBuilder why) {
        if (!Files.isRegularFile(script)) {
            why.append(script).append(" not found; run from the repository root");
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), "--serve")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        try {
            Peer peer = new Peer(builder.start());
            if (peer.info.startsWith("unavailable")) {
                why.append(peer.info.substring("unavailable".length()).trim());
                peer.close();
                return Optional.empty();
            }
            return Optional.of(peer);
        } catch (IOException e) {
            why.append("cannot run ").append(python).append(": ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /** The peer's versions, CPU capability and BLAS. */
    String info() {
        return info;
    }

    /** The number the peer answers to {@code request} (tokens/s or GFLOP/s). */
    double ask(String request) {
        try {
            String answer = exchange(request);
            return Double.parseDouble(answer);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("the peer answered '" + request + "' with " + e.getMessage()
                    + "; see its messages above", e);
        }
    }

    private String exchange(String request) throws IOException {
        requests.println(request);
        String answer = answers.readLine();
        if (answer == null) {
            throw new IOException("no answer: the peer process " + (process.isAlive() ? "closed its output"
                    : "ended with exit code " + process.exitValue()));
        }
        return answer;
    }

    @Override
    public void close() {
        requests.close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
