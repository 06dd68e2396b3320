package dev.unroll.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes remove the temporary files that killed writes of the same target left, and nothing else. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aWriteRemovesTheLeftoversOfKilledWritesOfTheSameTarget() throws IOException {
        Path target = dir.resolve("lm.ckpt");
        List<String> leftovers = List.of(".lm.ckpt.1.tmp", ".lm.ckpt.3w5e11264sgsf.tmp", ".lm.ckpt.k2j9.tmp");
        for (String name : leftovers) {
            Files.writeString(dir.resolve(name), "half a checkpoint");
        }
        AtomicFiles.writeString(target, "new");
        assertEquals(Set.of("lm.ckpt"), names());
        assertEquals("new", Files.readString(target));
    }

    @Test
    void filesThatOnlyResembleOurTemporaryFilesAreKept() throws IOException {
        List<String> others = List.of(
                "lm.ckpt.123.tmp",            // no leading dot
                ".lm.ckpt.123.tmp.bak",       // something after .tmp
                ".lm.ckpt..tmp",              // no random part
                ".lm.ckpt.ABC.tmp",           // not lower-case base 36
                ".lm.ckpt.12345678901234.tmp", // 14 digits: longer than any unsigned long in base 36
                ".lm.ckpt.x_y.tmp",
                ".lm.ckpt2.123.tmp",          // another target
                ".xlm.ckpt.123.tmp",
                ".lm.ckpt.old.123.tmp",
                ".lm-ckpt.123.tmp");          // the dot of the name taken literally, not as a wildcard
        for (String name : others) {
            Files.writeString(dir.resolve(name), name);
        }
        Files.createDirectory(dir.resolve(".lm.ckpt.456.tmp"));
        AtomicFiles.writeString(dir.resolve("lm.ckpt"), "new");
        Set<String> expected = new TreeSet<>(others);
        expected.add(".lm.ckpt.456.tmp");
        expected.add("lm.ckpt");
        assertEquals(expected, names());
        for (String name : others) {
            assertEquals(name, Files.readString(dir.resolve(name)), "content of " + name);
        }
    }

    @Test
    void aSymbolicLinkNamedLikeATemporaryFileIsNotFollowedNorRemoved() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("precious.txt"), "keep me");
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve(".lm.ckpt.77.tmp"), elsewhere);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "skipped: no symbolic links here");
            return;
        }
        AtomicFiles.writeString(dir.resolve("lm.ckpt"), "new");
        assertEquals(true, Files.isSymbolicLink(link));
        assertEquals("keep me", Files.readString(elsewhere));
    }

    @Test
    void aTemporaryFileThatALiveWriterHoldsIsKept() throws IOException {
        Path busy = dir.resolve(".lm.ckpt.busy1.tmp");
        try (FileChannel channel = FileChannel.open(busy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            channel.write(StandardCharsets.UTF_8.encode("being written"));
            AtomicFiles.writeString(dir.resolve("lm.ckpt"), "new");
            assertEquals(Set.of(".lm.ckpt.busy1.tmp", "lm.ckpt"), names());
        }
        AtomicFiles.writeString(dir.resolve("lm.ckpt"), "newer");
        assertEquals(Set.of("lm.ckpt"), names(), "once released, it is a leftover like any other");
    }

    private Set<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
