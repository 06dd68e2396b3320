package dev.unroll.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.core.UnrollException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose checksum is right but whose contents are hostile (written by a faulty or malicious tool and then
 * sealed): every count, length and dimension is checked against the bytes that remain before anything is
 * allocated, and typed fields are checked for type and range, each with a message that names the file.
 */
class HostileCheckpointTest {

    @TempDir
    Path dir;

    /** A sealed file whose body (after the header) {@code body} writes. */
    private Path sealed(String name, int version, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(CheckpointCodec.MAGIC);
            out.writeInt(version);
            out.writeLong(0);
            body.write(out);
        }
        return Files.write(dir.resolve(name), CheckpointCodec.seal(bytes.toByteArray()));
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String message(Path file) {
        return assertThrows(UnrollException.class, () -> Checkpoints.read(file)).getMessage();
    }

    @Test
    void aHostileArrayLengthIsRejectedBeforeAnythingIsAllocated() throws IOException {
        Path file = sealed("huge.ckpt", 1, out -> {
            out.writeInt(0);
            out.writeInt(1);
            string(out, "w");
            out.writeInt(1);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(0);
        });
        assertEquals("Checkpoint " + file.toAbsolutePath() + " is corrupted: its checksum is right but its contents"
                + " are malformed at byte offset 41: array 'w' has shape [2147483647], which needs more than the 4"
                + " bytes that remain (was it written by a faulty tool?); use an intact checkpoint, e.g. the previous"
                + " one, or train again", message(file));
    }

    @Test
    void hostileCountsRanksAndNegativeDimensionsAreRejected() throws IOException {
        Path count = sealed("count.ckpt", 1, out -> {
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(0);
            out.writeInt(0);
        });
        assertEquals("Checkpoint " + count.toAbsolutePath() + " is corrupted: its checksum is right but its contents"
                + " are malformed at byte offset 24: the number of metadata entries is 2147483647, but only 8 bytes"
                + " remain, room for at most 1 (was it written by a faulty tool?); use an intact checkpoint, e.g. the"
                + " previous one, or train again", message(count));
        Path rank = sealed("rank.ckpt", 1, out -> {
            out.writeInt(0);
            out.writeInt(1);
            string(out, "w");
            out.writeInt(-7);
        });
        assertTrue(message(rank).contains("array 'w' has rank -7, but only 0 bytes remain for its"
                + " dimensions"), message(rank));
        Path negative = sealed("negative.ckpt", 1, out -> {
            out.writeInt(0);
            out.writeInt(1);
            string(out, "w");
            out.writeInt(1);
            out.writeInt(-3);
            out.writeInt(0);
        });
        assertTrue(message(negative).contains("array 'w' has the negative dimension -3"), message(negative));
        Path string = sealed("string.ckpt", 1, out -> {
            out.writeInt(1);
            out.writeInt(Integer.MAX_VALUE);
            out.writeInt(0);
        });
        assertTrue(message(string).contains("a metadata key claims 2147483647 bytes but only 4 remain"),
                message(string));
    }

    @Test
    void aKeyThatAppearsTwiceIsRejectedRatherThanOneValueWinning() throws IOException {
        Path metadata = sealed("twice.ckpt", 1, out -> {
            out.writeInt(2);
            string(out, "hidden");
            string(out, "8");
            string(out, "hidden");
            string(out, "9");
            out.writeInt(0);
            out.writeInt(0);
        });
        assertTrue(message(metadata).contains("the metadata key 'hidden' appears twice"), message(metadata));
        Path arrays = sealed("arrays.ckpt", 1, out -> {
            out.writeInt(0);
            out.writeInt(2);
            for (int i = 0; i < 2; i++) {
                string(out, "w");
                out.writeInt(0);
                out.writeLong(Double.doubleToRawLongBits(i));
            }
            out.writeInt(0);
        });
        assertTrue(message(arrays).contains("the array name 'w' appears twice"), message(arrays));
    }

    @Test
    void versionsNameWhatThisBuildReadsAndWhatToDo() throws IOException {
        Path future = sealed("future.ckpt", 7, out -> { });
        assertEquals("Checkpoint " + future.toAbsolutePath() + " is incompatible: it was written by a newer version of"
                + " Unroll (format version 7; this build reads version 1); upgrade Unroll to read it", message(future));
        Path zero = sealed("zero.ckpt", 0, out -> { });
        assertEquals("Checkpoint " + zero.toAbsolutePath() + " is incompatible: it has format version 0, which no"
                + " version of Unroll writes (this build reads version 1); the file is damaged or was not written by"
                + " Unroll", message(zero));
        assertEquals("Checkpoint f is incompatible: it was written by an older version of Unroll (format version 1;"
                + " this build reads version 2); read it with the Unroll version that wrote it, or train again",
                Problems.version("f", 1, 2, 1).getMessage());
    }

    @Test
    void typedFieldsCheckTypeAndRangeAndNameTheFile() {
        CheckpointFields f = new CheckpointFields(new Checkpoint(Map.of("hidden", "abc", "layers", "2147483647",
                "epochs_done", "-1", "seed", "9223372036854775808", "lr", "NaN", "flag", "TRUE", "dtype", "FLOAT64",
                "long", "x".repeat(100)), Map.of("w", ShapedArray.matrix(1, 2, 0.5, Double.NaN)), List.of()),
                "/data/lm.ckpt");
        String tail = "; use an intact checkpoint, e.g. the previous one, or train again";
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'hidden' must be a whole number in"
                + " 1..4096, but is 'abc'" + tail, message(() -> f.integer("hidden", 1, 4096)));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'layers' must be a whole number in"
                + " 1..64, but is '2147483647'" + tail, message(() -> f.integer("layers", 1, 64)));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'epochs_done' must be a whole number"
                + " in 0..2147483647, but is '-1'" + tail, message(() -> f.integer("epochs_done", 0,
                Integer.MAX_VALUE)));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'seed' must be a 64-bit whole number,"
                + " but is '9223372036854775808'" + tail, message(() -> f.whole("seed", Long.MIN_VALUE,
                Long.MAX_VALUE)));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'lr' must be a finite number > 0, but"
                + " is 'NaN'" + tail, message(() -> f.positive("lr")));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'flag' must be true or false, but is"
                + " 'TRUE'" + tail, message(() -> f.bool("flag")));
        assertEquals("float64", f.choice("dtype", List.of("float32", "float64")));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the metadata field 'long' must be one of a, b, but is"
                + " 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (100 characters)" + tail,
                message(() -> f.choice("long", List.of("a", "b"))));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: it has no metadata field 'cell'" + tail,
                message(() -> f.text("cell")));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the array 'w' has shape [1, 2], but the model needs"
                + " [2, 1]" + tail, message(() -> f.array("w", new int[] {2, 1}, "the model")));
        assertEquals("Checkpoint /data/lm.ckpt is invalid: the array 'w' holds the non-finite value NaN at index 1"
                + " (of 2), so the model it stores is unusable" + tail, message(() -> f.requireFinite("w")));
    }

    private static String message(Executable e) {
        return assertThrows(UnrollException.class, e).getMessage();
    }
}
