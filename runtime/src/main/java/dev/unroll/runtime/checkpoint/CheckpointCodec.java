package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.UnrollException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The checkpoint file format, version {@value #VERSION}; all integers big-endian:
 *
 * <pre>
 * magic    8 bytes  0x89 'U' 'N' 'R' 'O' 'L' 'L' '\n'
 * version  int32    {@value #VERSION}
 * length   int64    the whole file's length in bytes, checksum included
 * metadata int32 count, then count × (string key, string value)
 * arrays   int32 count, then count × (string name, int32 rank, rank × int32 dim, product(dims) × float64)
 * vocab    int32 count, then count × string
 * crc      int32    CRC-32 of every byte before it
 * string = int32 byte count, then UTF-8 bytes
 * </pre>
 *
 * No metadata key and no array name appears twice.
 *
 * The length field tells a truncated file from a corrupted one; CRC-32 detects every change of up to 32
 * consecutive bits, so in particular every single-byte corruption.
 */
final class CheckpointCodec {

    static final int VERSION = 1;
    /** The first format version Unroll wrote: a lower number is damage, not age. */
    static final int FIRST_VERSION = 1;
    static final byte[] MAGIC = {(byte) 0x89, 'U', 'N', 'R', 'O', 'L', 'L', '\n'};
    static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + Long.BYTES;

    private CheckpointCodec() {
    }

    /** The bytes of {@code checkpoint} in format {@value #VERSION}. */
    static byte[] encode(Checkpoint checkpoint) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(0); // patched below, once the length is known
            out.writeInt(checkpoint.metadata().size());
            for (Map.Entry<String, String> e : checkpoint.metadata().entrySet()) {
                writeString(out, e.getKey(), "metadata key");
                writeString(out, e.getValue(), "metadata value of '" + e.getKey() + "'");
            }
            out.writeInt(checkpoint.arrays().size());
            for (Map.Entry<String, ShapedArray> e : checkpoint.arrays().entrySet()) {
                writeArray(out, e.getKey(), e.getValue());
            }
            out.writeInt(checkpoint.vocabulary().size());
            for (String token : checkpoint.vocabulary()) {
                writeString(out, token, "vocabulary token");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return seal(body.toByteArray());
    }

    /** Fills in the length and appends the checksum. */
    static byte[] seal(byte[] unsealed) {
        byte[] bytes = new byte[unsealed.length + Integer.BYTES];
        System.arraycopy(unsealed, 0, bytes, 0, unsealed.length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.putLong(MAGIC.length + Integer.BYTES, bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, unsealed.length);
        buffer.putInt(unsealed.length, (int) crc.getValue());
        return bytes;
    }

    private static void writeArray(DataOutputStream out, String name, ShapedArray array) throws IOException {
        writeString(out, name, "array name");
        int[] shape = array.shape();
        out.writeInt(shape.length);
        for (int dim : shape) {
            out.writeInt(dim);
        }
        for (int i = 0; i < array.size(); i++) {
            out.writeLong(Double.doubleToRawLongBits(array.get(i)));
        }
    }

    private static void writeString(DataOutputStream out, String s, String what) throws IOException {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new UnrollException("Checkpoint: every string must be valid Unicode, but the " + what + " '" + s
                    + "' contains an unpaired surrogate; remove it");
        }
        out.writeInt(utf8.remaining());
        out.write(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining());
    }

    /** Decodes a checkpoint; {@code where} (the file) appears in every error. */
    static Checkpoint decode(byte[] bytes, String where) {
        checkHeader(bytes, where);
        CheckpointReader in = new CheckpointReader(bytes, HEADER_BYTES, bytes.length - Integer.BYTES, where);
        Map<String, String> metadata = new LinkedHashMap<>();
        int entries = in.count("metadata entries", 2 * Integer.BYTES);
        for (int i = 0; i < entries; i++) {
            String key = in.string("metadata key");
            putOnce(in, metadata, "metadata key", key, in.string("metadata value"));
        }
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        int arrayCount = in.count("arrays", 2 * Integer.BYTES);
        for (int i = 0; i < arrayCount; i++) {
            String name = in.string("array name");
            putOnce(in, arrays, "array name", name, in.array(name));
        }
        List<String> vocabulary = new ArrayList<>();
        int tokens = in.count("vocabulary tokens", Integer.BYTES);
        for (int i = 0; i < tokens; i++) {
            vocabulary.add(in.string("vocabulary token"));
        }
        in.expectEnd();
        return new Checkpoint(metadata, arrays, vocabulary);
    }

    /** A map entry that must be new: a key that appears twice would make one of its values silently win. */
    private static <V> void putOnce(CheckpointReader in, Map<String, V> map, String what, String key, V value) {
        if (map.putIfAbsent(key, value) != null) {
            throw in.malformed("the " + what + " " + CheckpointFields.quote(key) + " appears twice");
        }
    }

    /** Checks magic, version, length and checksum, in that order, so each failure gets its own message. */
    private static void checkHeader(byte[] bytes, String where) {
        if (!startsWithMagic(bytes)) {
            throw bytes.length < MAGIC.length && isMagicPrefix(bytes)
                    ? Problems.truncated(where, bytes.length, "at least " + HEADER_BYTES)
                    : Problems.foreign(where, bytes);
        }
        if (bytes.length < MAGIC.length + Integer.BYTES) {
            throw Problems.truncated(where, bytes.length, "at least " + HEADER_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int version = buffer.getInt(MAGIC.length);
        if (version != VERSION) {
            throw Problems.version(where, version, VERSION, FIRST_VERSION);
        }
        if (bytes.length < HEADER_BYTES) {
            throw Problems.truncated(where, bytes.length, "at least " + HEADER_BYTES);
        }
        long declared = buffer.getLong(MAGIC.length + Integer.BYTES);
        if (declared < HEADER_BYTES + 3L * Integer.BYTES + Integer.BYTES || declared > bytes.length) {
            throw declared > bytes.length
                    ? Problems.truncated(where, bytes.length, String.valueOf(declared))
                    : Problems.corrupted(where, "its header declares an impossible length of " + declared + " bytes");
        }
        if (declared < bytes.length) {
            throw Problems.corrupted(where, "it has " + bytes.length + " bytes but its header declares " + declared
                    + " (extra bytes at the end)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Integer.BYTES);
        int stored = buffer.getInt(bytes.length - Integer.BYTES);
        if (stored != (int) crc.getValue()) {
            throw Problems.corrupted(where, String.format("its CRC-32 checksum does not match (stored %08x, computed"
                    + " %08x)", stored, (int) crc.getValue()));
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        return bytes.length >= MAGIC.length && isMagicPrefix(bytes);
    }

    private static boolean isMagicPrefix(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, MAGIC.length); i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
