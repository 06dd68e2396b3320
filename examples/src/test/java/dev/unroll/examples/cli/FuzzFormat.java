package dev.unroll.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The checkpoint file format written a second time, from its specification and independently of the runtime's
 * codec, so that the fuzz test can build files the runtime never would (repeated keys, hostile counts) and decide
 * for itself whether bytes are a well-formed file.
 */
final class FuzzFormat {

    static final byte[] MAGIC = {(byte) 0x89, 'U', 'N', 'R', 'O', 'L', 'L', '\n'};
    static final int HEADER = 20;

    private FuzzFormat() {
    }

    /** An array as stored: its shape and values, which need not agree in an edited file. */
    record Arr(int[] shape, double[] values) {
    }

    /**
     * A file's contents as lists, so that a key may repeat.
     *
     * @param version the format version
     * @param meta the metadata entries in order
     * @param arrays the named arrays in order
     * @param vocab the vocabulary
     * @param intOffsets the byte offset of every count, length, rank and dimension (for targeted edits)
     */
    record Parsed(int version, List<Map.Entry<String, String>> meta, List<Map.Entry<String, Arr>> arrays,
                  List<String> vocab, List<Integer> intOffsets) {
    }

    /** The sealed bytes of {@code p}: correct length field and checksum, whatever the contents. */
    static byte[] encode(Parsed p) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(p.version());
            out.writeLong(0);
            out.writeInt(p.meta().size());
            for (Map.Entry<String, String> e : p.meta()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
            out.writeInt(p.arrays().size());
            for (Map.Entry<String, Arr> e : p.arrays()) {
                string(out, e.getKey());
                out.writeInt(e.getValue().shape().length);
                for (int d : e.getValue().shape()) {
                    out.writeInt(d);
                }
                for (double v : e.getValue().values()) {
                    out.writeDouble(v);
                }
            }
            out.writeInt(p.vocab().size());
            for (String token : p.vocab()) {
                string(out, token);
            }
            out.writeInt(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = bytes.toByteArray();
        ByteBuffer.wrap(out).putLong(12, out.length);
        return reseal(out);
    }

    /** {@code bytes} with the checksum recomputed (the length field is left as it is). */
    static byte[] reseal(byte[] bytes) {
        byte[] out = bytes.clone();
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 4);
        ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
        return out;
    }

    /** The contents of {@code bytes}, or {@code null} unless they are a well-formed file of version 1. */
    static Parsed parse(byte[] bytes) {
        if (bytes.length < HEADER + 16 || !ByteBuffer.wrap(bytes, 0, 8).equals(ByteBuffer.wrap(MAGIC))) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        boolean sealed = in.getLong(12) == bytes.length && in.getInt(bytes.length - 4) == (int) crc.getValue();
        if (in.getInt(8) != 1 || !sealed) {
            return null;
        }
        try {
            return body(ByteBuffer.wrap(bytes, 0, bytes.length - 4).position(HEADER));
        } catch (BufferUnderflowException | CharacterCodingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Parsed body(ByteBuffer in) throws CharacterCodingException {
        List<Integer> offsets = new ArrayList<>();
        List<Map.Entry<String, String>> meta = new ArrayList<>();
        int n = count(in, offsets);
        for (int i = 0; i < n; i++) {
            meta.add(new SimpleEntry<>(string(in, offsets), string(in, offsets)));
        }
        List<Map.Entry<String, Arr>> arrays = new ArrayList<>();
        n = count(in, offsets);
        for (int i = 0; i < n; i++) {
            arrays.add(new SimpleEntry<>(string(in, offsets), array(in, offsets)));
        }
        List<String> vocab = new ArrayList<>();
        n = count(in, offsets);
        for (int i = 0; i < n; i++) {
            vocab.add(string(in, offsets));
        }
        boolean repeats = !distinct(meta.stream().map(Map.Entry::getKey).toList())
                || !distinct(arrays.stream().map(Map.Entry::getKey).toList());
        return in.hasRemaining() || repeats ? null : new Parsed(1, meta, arrays, vocab, offsets);
    }

    private static int count(ByteBuffer in, List<Integer> offsets) {
        offsets.add(in.position());
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("count");
        }
        return n;
    }

    private static String string(ByteBuffer in, List<Integer> offsets) throws CharacterCodingException {
        int length = count(in, offsets);
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
    }

    private static Arr array(ByteBuffer in, List<Integer> offsets) {
        int rank = count(in, offsets);
        int[] shape = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = count(in, offsets);
            size *= shape[i];
            if (size * Double.BYTES > in.remaining()) {
                throw new IllegalArgumentException("size");
            }
        }
        double[] values = new double[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.getDouble();
        }
        return new Arr(shape, values);
    }

    private static boolean distinct(List<String> keys) {
        Set<String> seen = new HashSet<>();
        return keys.stream().allMatch(seen::add);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
