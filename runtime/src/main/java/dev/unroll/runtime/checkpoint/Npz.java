package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports named arrays to a NumPy {@code .npz} file ({@link NpzReader} reads them back), as {@code numpy.savez}
 * writes it: an uncompressed zip with one {@code <name>.npy} entry per array in NPY format 1.0 (numbers as
 * {@code <f8}, text as a one-dimensional unicode array {@code <U<n>}; little-endian, C order, header padded with
 * spaces to a multiple of 64 bytes and ended by a newline). {@code numpy.load(path, allow_pickle=False)[name]} gives
 * the array back. The bytes depend only on the arrays (fixed entry times), and the file is written atomically.
 */
public final class Npz {

    /** The NPY magic string and format version 1.0; a reader accepts versions 1 to 3 after the same six bytes. */
    static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** The magic, the version and the 2-byte header length of NPY 1.0. */
    static final int NPY_PREAMBLE = NPY_MAGIC.length + 2;
    /** The suffix of an array's entry in an {@code .npz} zip. */
    static final String ENTRY_SUFFIX = ".npy";
    private static final int ALIGNMENT = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /** Atomically writes {@code arrays} (in map order) to {@code file}. */
    public static void write(Path file, Map<String, ShapedArray> arrays) {
        write(file, arrays, Map.of());
    }

    /**
     * Atomically writes {@code arrays}, then {@code texts} as one-dimensional unicode arrays (each in map order), to
     * {@code file}; a name may appear in only one of them.
     */
    public static void write(Path file, Map<String, ShapedArray> arrays, Map<String, List<String>> texts) {
        Require.notNull(file, "Npz.write", "file");
        AtomicFiles.write(file, bytes(arrays, texts));
    }

    /** The bytes of the {@code .npz} file of {@code arrays}. */
    static byte[] bytes(Map<String, ShapedArray> arrays) {
        return bytes(arrays, Map.of());
    }

    /** The bytes of the {@code .npz} file of {@code arrays} and then {@code texts}. */
    static byte[] bytes(Map<String, ShapedArray> arrays, Map<String, List<String>> texts) {
        Require.notNull(arrays, "Npz.write", "arrays");
        Require.notNull(texts, "Npz.write", "texts");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        arrays.forEach((name, array) -> entries.put(name, npy(array)));
        texts.forEach((name, text) -> {
            Require.noNulls(text, "Npz.write", "text array " + name);
            if (entries.put(name, npy(NpyText.descr(text), new int[] {text.size()}, NpyText.data(text, name)))
                    != null) {
                throw new UnrollException("Npz: '" + name + "' is both a number array and a text array; an .npz"
                        + " holds one array per name, so rename one of them");
            }
        });
        return zip(entries);
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                checkName(e.getKey());
                byte[] npy = e.getValue();
                CRC32 crc = new CRC32();
                crc.update(npy);
                ZipEntry entry = new ZipEntry(e.getKey() + ENTRY_SUFFIX);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                entry.setCompressedSize(npy.length);
                entry.setCrc(crc.getValue());
                entry.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** One array of numbers in NPY format 1.0. */
    static byte[] npy(ShapedArray array) {
        ByteBuffer data = ByteBuffer.allocate(array.size() * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asDoubleBuffer().put(array.values());
        return npy("<f8", array.shape(), data.array());
    }

    /** One array in NPY format 1.0: the preamble, the header of {@code descr} and {@code shape}, then the data. */
    private static byte[] npy(String descr, int[] shape, byte[] data) {
        byte[] header = header(descr, shape);
        ByteBuffer out = ByteBuffer.allocate(NPY_PREAMBLE + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(NPY_MAGIC).putShort((short) header.length).put(header).put(data);
        return out.array();
    }

    /** The header dictionary, padded with spaces so that preamble + header is a multiple of 64, newline last. */
    static byte[] header(String descr, int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            dict.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dict.append(shape.length == 1 ? ",), }" : "), }");
        int unpadded = NPY_PREAMBLE + dict.length() + 1;
        dict.append(" ".repeat((ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT)).append('\n');
        if (dict.length() > 0xFFFF) {
            throw new UnrollException("Npz: an NPY 1.0 header holds at most 65535 bytes, but shape of rank "
                    + shape.length + " needs " + dict.length() + "; export arrays of lower rank");
        }
        return dict.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void checkName(String name) {
        boolean dotSegment = ("/" + name + "/").contains("/../") || ("/" + name + "/").contains("/./");
        if (!NAME.matcher(name).matches() || dotSegment) {
            throw new UnrollException("Npz: array names must be '/'-separated segments of letters, digits, '_', '.'"
                    + " and '-' (no '.' or '..' segments), got '" + name + "'; rename the array");
        }
    }
}
