package dev.unroll.runtime.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link AtomicFiles}: {@code .<name>.<random>.tmp} beside the target, where random is
 * 1 to 13 base-36 digits. A process killed while writing leaves one behind; the next write of the same target
 * removes every such file that no live writer holds locked, and never touches a file of any other name.
 */
final class StaleTemps {

    private StaleTemps() {
    }

    /** The temporary file name for {@code target} with the random part {@code random}. */
    static String name(Path target, String random) {
        return "." + target.getFileName() + "." + random + ".tmp";
    }

    /** Removes the left-over temporary files of {@code target} (absolute); best effort, as the write goes on. */
    static void remove(Path target) {
        String prefix = "." + target.getFileName() + ".";
        Pattern ours = Pattern.compile(Pattern.quote(prefix) + "[0-9a-z]{1,13}" + Pattern.quote(".tmp"));
        DirectoryStream.Filter<Path> filter = p -> ours.matcher(p.getFileName().toString()).matches()
                && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(target.getParent(), filter)) {
            for (Path leftover : leftovers) {
                removeUnlessLocked(leftover);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // A directory that cannot be listed will fail the write itself with a proper message.
        }
    }

    private static void removeUnlessLocked(Path leftover) {
        try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock != null) {
                Files.deleteIfExists(leftover);
            }
        } catch (OverlappingFileLockException e) {
            // Held by a write in progress in this process: not left over.
        } catch (IOException e) {
            // Gone meanwhile or not ours to delete; it is harmless and the next write tries again.
        }
    }
}
