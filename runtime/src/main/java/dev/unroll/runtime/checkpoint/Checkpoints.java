package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes and reads {@link Checkpoint}s in a data-only binary format (no Java serialization; see the format in
 * {@code CheckpointCodec}): writes are atomic, and a truncated, corrupted, foreign or incompatible file is
 * reported with the file's name and the problem.
 */
public final class Checkpoints {

    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = CheckpointCodec.VERSION;

    private Checkpoints() {
    }

    /** Atomically writes {@code checkpoint} to {@code file}; a crash while writing leaves the previous file intact. */
    public static void write(Path file, Checkpoint checkpoint) {
        Require.notNull(file, "Checkpoints.write", "file");
        Require.notNull(checkpoint, "Checkpoints.write", "checkpoint");
        AtomicFiles.write(file, CheckpointCodec.encode(checkpoint));
    }

    /** Reads the checkpoint in {@code file}, verifying its format, version, length and checksum. */
    public static Checkpoint read(Path file) {
        Require.notNull(file, "Checkpoints.read", "file");
        Path absolute = file.toAbsolutePath();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(absolute);
        } catch (NoSuchFileException e) {
            throw new UnrollException("Checkpoint " + absolute + " does not exist; check the path (e.g. of"
                    + " --checkpoint), or train without --resume to create it");
        } catch (IOException e) {
            throw new UnrollException("Checkpoint " + absolute + " cannot be read: " + e + "; check that it is a"
                    + " readable file", e);
        }
        return CheckpointCodec.decode(bytes, absolute.toString());
    }
}
