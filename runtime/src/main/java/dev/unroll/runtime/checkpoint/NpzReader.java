package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the arrays of a NumPy {@code .npz} file as {@code numpy.savez} or {@code numpy.savez_compressed} writes it
 * (the format {@link Npz} writes): every {@code <name>.npy} entry in NPY format 1 to 3, C order, of little-endian
 * {@code f8}, {@code f4}, {@code i8} or {@code i4} values (or one byte {@code u1}/{@code i1}), read as doubles,
 * and one-dimensional unicode arrays ({@code <U<n>}) of text. Everything is checked against the bytes there are, so
 * a damaged file fails with a message naming the file and the array.
 */
public final class NpzReader {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=])([fiu])(\\d)'");
    private static final Pattern TEXT = Pattern.compile("'descr':\\s*'[<|=]U(\\d{1,9})'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");

    private NpzReader() {
    }

    /**
     * The number arrays and the text arrays of an {@code .npz} file.
     *
     * @param numbers the arrays of numbers by name, in file order
     * @param texts the one-dimensional text arrays by name, in file order
     */
    public record Contents(Map<String, ShapedArray> numbers, Map<String, List<String>> texts) {

        public Contents {
            Require.notNull(numbers, "new NpzReader.Contents", "numbers");
            Require.notNull(texts, "new NpzReader.Contents", "texts");
            numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
            texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        }
    }

    /** The arrays of {@code file} by name, in file order, which must all hold numbers. */
    public static Map<String, ShapedArray> read(Path file) {
        Contents contents = contents(file);
        if (!contents.texts().isEmpty()) {
            throw new UnrollException(file + ": the arrays " + contents.texts().keySet() + " hold text, but only"
                    + " numbers are read here; save them without text arrays");
        }
        return contents.numbers();
    }

    /** Every array of {@code file}, numbers and text, by name in file order. */
    public static Contents contents(Path file) {
        Require.notNull(file, "NpzReader.contents", "file");
        Map<String, ShapedArray> numbers = new LinkedHashMap<>();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.endsWith(Npz.ENTRY_SUFFIX)) {
                    throw new UnrollException(file + ": entry '" + name + "' is not an array (<name>.npy); give an"
                            + " .npz file written by numpy.savez");
                }
                String array = name.substring(0, name.length() - Npz.ENTRY_SUFFIX.length());
                npy(zip.readAllBytes(), array, file + " array '" + array + "'", numbers, texts);
            }
        } catch (IOException e) {
            throw new UnrollException("cannot read " + file + " as an .npz (zip) file: " + e.getMessage());
        }
        if (numbers.isEmpty() && texts.isEmpty()) {
            throw new UnrollException(file + " holds no arrays; give an .npz file written by numpy.savez");
        }
        return new Contents(numbers, texts);
    }

    /** Puts NPY array {@code name} into {@code numbers} or {@code texts}; {@code where} names it in messages. */
    private static void npy(byte[] bytes, String name, String where, Map<String, ShapedArray> numbers,
                            Map<String, List<String>> texts) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String dict = header(bytes, in, where);
        Matcher descr = DESCR.matcher(dict);
        Matcher text = TEXT.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        boolean isText = text.find();
        if (!isText && !descr.find() || !fortran.find() || !shape.find()) {
            throw new UnrollException(where + ": the header " + dict.strip() + " lacks a 'descr' of f8, f4, i8, i4,"
                    + " u1, i1 or <U (text), a 'fortran_order' or a 'shape'; save numbers or text with numpy.savez");
        }
        if (fortran.group(1).equals("True")) {
            throw new UnrollException(where + " is in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        int[] dims = dims(shape.group(1), where);
        if (isText) {
            if (dims.length != 1) {
                throw new UnrollException(where + " is text of shape " + Arrays.toString(dims) + ", but text is read"
                        + " as a one-dimensional array only; save a list of strings");
            }
            texts.put(name, NpyText.values(in, Integer.parseInt(text.group(1)), dims[0], where));
            return;
        }
        numbers.put(name, new ShapedArray(dims, values(in, descr.group(2).charAt(0), Integer.parseInt(descr.group(3)),
                count(dims, where), where)));
    }

    /** The header dictionary after the magic and the version, leaving {@code in} at the data. */
    private static String header(byte[] bytes, ByteBuffer in, String where) {
        int major = bytes.length >= Npz.NPY_PREAMBLE ? bytes[6] : 0;
        if (bytes.length < Npz.NPY_PREAMBLE || !Arrays.equals(Arrays.copyOf(bytes, 6), Arrays.copyOf(Npz.NPY_MAGIC, 6))
                || major < 1 || major > 3) {
            throw new UnrollException(where + " is not in NPY format 1 to 3 (no \\x93NUMPY header)");
        }
        in.position(8);
        long headerLength = major == 1 ? Short.toUnsignedInt(in.getShort()) : Integer.toUnsignedLong(in.getInt());
        if (headerLength > in.remaining()) {
            throw new UnrollException(where + ": the header claims " + headerLength + " bytes, but only "
                    + in.remaining() + " follow");
        }
        byte[] header = new byte[(int) headerLength];
        in.get(header);
        return new String(header, StandardCharsets.ISO_8859_1);
    }

    private static int[] dims(String text, String where) {
        String[] parts = text.split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    dims[n++] = Integer.parseInt(p.strip());
                } catch (NumberFormatException e) {
                    throw new UnrollException(where + ": dimension '" + p.strip() + "' is not a whole number below"
                            + " 2^31");
                }
            }
        }
        return Arrays.copyOf(dims, n);
    }

    private static int count(int[] dims, String where) {
        long count = 1;
        for (int d : dims) {
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw new UnrollException(where + " has shape " + Arrays.toString(dims) + ", more values than a"
                        + " Java array holds");
            }
        }
        return (int) count;
    }

    private static double[] values(ByteBuffer in, char type, int size, int count, String where) {
        boolean known = type == 'f' && (size == 8 || size == 4) || type == 'i' && (size == 8 || size == 4
                || size == 1) || type == 'u' && size == 1;
        if (!known) {
            throw new UnrollException(where + " holds values of type " + type + size + "; convert it to float64,"
                    + " float32, int64 or int32");
        }
        if ((long) count * size != in.remaining()) {
            throw new UnrollException(where + ": its shape needs " + (long) count * size + " bytes of data, but "
                    + in.remaining() + " follow the header");
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case 'f' -> size == 8 ? in.getDouble() : in.getFloat();
                case 'i' -> size == 8 ? in.getLong() : size == 4 ? in.getInt() : in.get();
                default -> Byte.toUnsignedInt(in.get());
            };
        }
        return out;
    }
}
