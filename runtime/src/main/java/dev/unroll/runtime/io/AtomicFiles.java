package dev.unroll.runtime.io;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new content, never a mixture: the
 * bytes go to a temporary file {@code .<name>.<random>.tmp} in the same directory, are forced to disk, and the
 * temporary file is atomically renamed over the target. A crash or kill during the write leaves the previous file
 * intact and at worst such a temporary file beside it, which the next write of the same target removes
 * ({@link StaleTemps}).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Atomically replaces (or creates) {@code target} with {@code content}, creating missing parent directories. */
    public static void write(Path target, byte[] content) {
        Require.notNull(target, "AtomicFiles.write", "target");
        Require.notNull(content, "AtomicFiles.write", "content");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            StaleTemps.remove(absolute);
            // Not Files.createTempFile: its owner-only permissions would end up on the target after the rename.
            Path candidate = directory.resolve(StaleTemps.name(absolute,
                    Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)));
            try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                temp = candidate;
                // Held until the rename: the lock tells a concurrent writer of the same target that this temporary
                // file is in use, not left over; the operating system drops it if this process dies.
                channel.lock();
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
            }
            syncDirectory(directory);
        } catch (IOException e) {
            throw new UnrollException("cannot write " + absolute + ": " + e + "; check that the directory is"
                    + " writable, has free space and that the path is not a directory (the previous file, if any,"
                    + " is unchanged)", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Atomically replaces (or creates) {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) {
        Require.notNull(target, "AtomicFiles.writeString", "target");
        Require.notNull(text, "AtomicFiles.writeString", "text");
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine to skip. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the rename is already atomic; only its durability across a power loss is at stake.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // Cleanup after a failure that is already being reported; a stray temp file is harmless.
        }
    }
}
