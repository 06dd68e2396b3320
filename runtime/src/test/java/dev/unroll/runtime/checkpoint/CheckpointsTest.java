package dev.unroll.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    static Checkpoint sample() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "--cell lstm --hidden 4 --layers 1");
        metadata.put("epoch", "3");
        metadata.put("rng", "-4962768465676381896,42");
        metadata.put("note", "caf\u00E9 \uD83D\uDE00");
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        arrays.put("W_xh", ShapedArray.matrix(2, 3, 1, -2, 3.5, Double.MIN_VALUE, -0.0, Double.NaN));
        arrays.put("b_h", ShapedArray.vector(0.25, Double.POSITIVE_INFINITY));
        arrays.put("adam/step", new ShapedArray(new int[0], new double[] {7}));
        arrays.put("empty", new ShapedArray(new int[] {0, 5}, new double[0]));
        return new Checkpoint(metadata, arrays, List.of("<unk>", " ", "e", "\n", "", "\u00E9t\u00E9"));
    }

    @Test
    void roundTripsEverythingInOrderAndBitForBit() {
        Path file = dir.resolve("model.ckpt");
        Checkpoints.write(file, sample());
        Checkpoint read = Checkpoints.read(file);
        assertEquals(sample(), read);
        assertEquals(List.of("model", "epoch", "rng", "note"), List.copyOf(read.metadata().keySet()));
        assertEquals(List.of("W_xh", "b_h", "adam/step", "empty"), List.copyOf(read.arrays().keySet()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.array("W_xh").get(4)));
        assertArrayEquals(new int[] {2, 3}, read.array("W_xh").shape());
        assertEquals("3", read.require("epoch"));
    }

    @Test
    void theEncodingIsDeterministic() {
        assertArrayEquals(CheckpointCodec.encode(sample()), CheckpointCodec.encode(sample()));
    }

    @Test
    void missingKeysAndArraysAreClearErrors() {
        Checkpoint checkpoint = sample();
        assertEquals("Checkpoint: the metadata has no key 'dtype' (it has [model, epoch, rng, note]); was it written"
                + " by a different version of the trainer?",
                assertThrows(UnrollException.class, () -> checkpoint.require("dtype")).getMessage());
        assertTrue(assertThrows(UnrollException.class, () -> checkpoint.array("W_hh")).getMessage()
                .contains("there is no array named 'W_hh' (it has [W_xh, b_h, adam/step, empty])"));
    }

    @Test
    void aMissingFileSaysSo() {
        Path file = dir.resolve("none.ckpt");
        assertEquals("Checkpoint " + file.toAbsolutePath() + " does not exist; check the path (e.g. of --checkpoint),"
                + " or train without --resume to create it",
                assertThrows(UnrollException.class, () -> Checkpoints.read(file)).getMessage());
    }

    @Test
    void aForeignFileIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, this is text");
        assertEquals("Checkpoint " + file.toAbsolutePath() + " is not an Unroll checkpoint: it starts with 68 65 6C 6C"
                + " 6F 2C 20 74 but Unroll checkpoints start with 89 55 4E 52 4F 4C 4C 0A; pass a file written by"
                + " Checkpoints.write (e.g. unroll train --checkpoint)",
                assertThrows(UnrollException.class, () -> Checkpoints.read(file)).getMessage());
    }

    @Test
    void aNewerFormatVersionIsIncompatibleEvenWithAValidChecksum() throws IOException {
        byte[] bytes = CheckpointCodec.encode(sample());
        ByteBuffer.wrap(bytes).putInt(8, 2);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
        Path file = dir.resolve("future.ckpt");
        Files.write(file, bytes);
        assertEquals("Checkpoint " + file.toAbsolutePath() + " is incompatible: it was written by a newer version of"
                + " Unroll (format version 2; this build reads version 1); upgrade Unroll to read it",
                assertThrows(UnrollException.class, () -> Checkpoints.read(file)).getMessage());
    }

    @Test
    void truncationAndCorruptionNameTheFileAndTheProblem() throws IOException {
        byte[] bytes = CheckpointCodec.encode(sample());
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        assertEquals("Checkpoint " + cut.toAbsolutePath() + " is truncated: it has " + (bytes.length - 10)
                + " bytes but needs " + bytes.length + " (was a copy or save interrupted?); use an intact"
                + " checkpoint, e.g. the previous one, or train again",
                assertThrows(UnrollException.class, () -> Checkpoints.read(cut)).getMessage());
        bytes[40] ^= 0x10;
        Path bad = dir.resolve("bad.ckpt");
        Files.write(bad, bytes);
        String message = assertThrows(UnrollException.class, () -> Checkpoints.read(bad)).getMessage();
        assertTrue(message.startsWith("Checkpoint " + bad.toAbsolutePath() + " is corrupted: its CRC-32 checksum does"
                + " not match (stored "), message);
    }

    @Test
    void anInterruptedWriteLeavesThePreviousCheckpointReadable() throws IOException {
        Path file = dir.resolve("run.ckpt");
        Checkpoints.write(file, sample());
        byte[] next = CheckpointCodec.encode(new Checkpoint(Map.of("epoch", "4"), Map.of(), List.of("<unk>")));
        // What a crash mid-save leaves behind: a partial temporary file beside an untouched target.
        Files.write(dir.resolve(".run.ckpt.123456.tmp"), Arrays.copyOf(next, next.length / 2));
        assertEquals(sample(), Checkpoints.read(file));
        Checkpoints.write(file, new Checkpoint(Map.of("epoch", "4"), Map.of(), List.of("<unk>")));
        assertEquals("4", Checkpoints.read(file).require("epoch"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the next save removes what the interrupted one left");
        }
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndTheTargetUnchanged() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectories(target.resolve("child"));
        UnrollException e = assertThrows(UnrollException.class, () -> Checkpoints.write(target, sample()));
        assertTrue(e.getMessage().startsWith("cannot write " + target.toAbsolutePath()), e.getMessage());
        assertTrue(Files.isDirectory(target.resolve("child")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void writingCreatesMissingDirectoriesAndReplacesAtomically() throws IOException {
        Path file = dir.resolve("a/b/model.ckpt");
        Checkpoints.write(file, sample());
        Checkpoints.write(file, sample());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary files are left");
        }
    }

    @Test
    void theFileGetsTheUsualPermissionsNotThoseOfATemporaryFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "skipped: not POSIX");
        Path file = dir.resolve("model.ckpt");
        Checkpoints.write(file, sample());
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void stringsThatAreNotUnicodeAreRejected() {
        Checkpoint broken = new Checkpoint(Map.of("k", "bad \uD800 surrogate"), Map.of(), List.of());
        assertTrue(assertThrows(UnrollException.class, () -> CheckpointCodec.encode(broken)).getMessage()
                .contains("the metadata value of 'k' 'bad \uD800 surrogate' contains an unpaired surrogate"));
        assertTrue(new String(CheckpointCodec.MAGIC, 1, 6, StandardCharsets.US_ASCII).equals("UNROLL"));
    }

    @Test
    void shapesMustMatchTheData() {
        assertEquals("ShapedArray: shape [2, 3] holds 6 values, but 5 were given; make the shape match the data",
                assertThrows(UnrollException.class, () -> ShapedArray.matrix(2, 3, 1, 2, 3, 4, 5)).getMessage());
        assertThrows(UnrollException.class, () -> new ShapedArray(new int[] {-1}, new double[0]));
    }
}
