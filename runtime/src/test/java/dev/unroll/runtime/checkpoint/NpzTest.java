package dev.unroll.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.unroll.dsl.core.UnrollException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    private static Map<String, ShapedArray> arrays() {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        arrays.put("W_xh", ShapedArray.matrix(2, 3, 1, 2, 3, 4, 5, -6.5));
        arrays.put("layer0/b", ShapedArray.vector(0.125, -0.0));
        arrays.put("scalar", new ShapedArray(new int[0], new double[] {Math.PI}));
        arrays.put("cube", new ShapedArray(new int[] {2, 1, 2}, new double[] {1, 2, 3, 4}));
        return arrays;
    }

    /** A minimal NPY 1.0 reader, independent of the writer: header checks, then the little-endian doubles. */
    private static ShapedArray parseNpy(byte[] npy) {
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(npy, 8));
        int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64, "header padded to a multiple of 64");
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.endsWith("\n"), header);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': ("), header);
        String dims = header.substring(header.indexOf("'shape': (") + 10, header.indexOf(')'));
        List<Integer> shape = new ArrayList<>();
        for (String d : dims.split(",")) {
            if (!d.isBlank()) {
                shape.add(Integer.parseInt(d.strip()));
            }
        }
        ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, npy.length - 10 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[data.remaining() / 8];
        data.asDoubleBuffer().get(values);
        return new ShapedArray(shape.stream().mapToInt(Integer::intValue).toArray(), values);
    }

    @Test
    void writesOneNpyEntryPerArrayThatParsesBack() throws IOException {
        Path file = dir.resolve("params.npz");
        Npz.write(file, arrays());
        Map<String, ShapedArray> read = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertEquals(ZipEntry.STORED, entry.getMethod());
                assertTrue(entry.getName().endsWith(".npy"));
                read.put(entry.getName().substring(0, entry.getName().length() - 4), parseNpy(zip.readAllBytes()));
            }
        }
        assertEquals(arrays(), read);
    }

    @Test
    void headersFollowNumpysSpellingOfShapes() {
        assertTrue(new String(Npz.header("<f8", new int[] {5}), StandardCharsets.US_ASCII)
                .contains("'shape': (5,), }"));
        assertTrue(new String(Npz.header("<f8", new int[0]), StandardCharsets.US_ASCII).contains("'shape': (), }"));
        assertTrue(new String(Npz.header("<f8", new int[] {2, 3}), StandardCharsets.US_ASCII)
                .contains("'shape': (2, 3), }"));
        for (int rank = 0; rank < 40; rank++) {
            int[] shape = new int[rank];
            Arrays.fill(shape, 123456);
            assertEquals(0, (10 + Npz.header("<f8", shape).length) % 64, "rank " + rank);
        }
    }

    @Test
    void theBytesDependOnlyOnTheArrays() throws IOException {
        byte[] first = Npz.bytes(arrays());
        assertArrayEquals(first, Npz.bytes(arrays()));
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            assertEquals("W_xh.npy", zip.getNextEntry().getName());
        }
    }

    @Test
    void unsafeNamesAreRejected() {
        for (String name : List.of("", "../evil", "a/../b", "/abs", "a b", "x\\y", "./a")) {
            Map<String, ShapedArray> bad = Map.of(name, ShapedArray.vector(1));
            String message = assertThrows(UnrollException.class, () -> Npz.bytes(bad), name).getMessage();
            assertTrue(message.contains("got '" + name + "'"), message);
        }
    }

    private static Map<String, List<String>> texts() {
        Map<String, List<String>> texts = new LinkedHashMap<>();
        texts.put("vocab", List.of("<unk>", " ", "e", "", "\u00e9t\u00e9", "\uD83D\uDE00"));
        texts.put("one", List.of("x"));
        return texts;
    }

    @Test
    void textArraysAreUnicodeArraysThatReadBack() throws IOException {
        Path file = dir.resolve("with-text.npz");
        Npz.write(file, arrays(), texts());
        NpzReader.Contents read = NpzReader.contents(file);
        assertEquals(arrays(), read.numbers());
        assertEquals(texts(), read.texts());
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry entry = zip.getNextEntry();
            while (!entry.getName().equals("vocab.npy")) {
                entry = zip.getNextEntry();
            }
            byte[] npy = zip.readAllBytes();
            int headerLength = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
            String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
            // Five code points in the widest element (the emoji is one code point, two Java chars).
            assertTrue(header.startsWith("{'descr': '<U5', 'fortran_order': False, 'shape': (6,), }"), header);
            assertEquals(10 + headerLength + 6 * 5 * 4, npy.length);
            ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength + 4 * 5 * 4, 5 * 4)
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(List.of(0xE9, (int) 't', 0xE9, 0, 0), List.of(data.getInt(), data.getInt(), data.getInt(),
                    data.getInt(), data.getInt()));
        }
    }

    @Test
    void textThatNumpyCannotKeepAndNamesUsedTwiceAreRejected() {
        UnrollException nul = assertThrows(UnrollException.class,
                () -> Npz.bytes(Map.of(), Map.of("vocab", List.of("a", "b\0"))));
        assertEquals("Npz: text array 'vocab' element 1 ends with the NUL character, which a NumPy unicode array"
                + " cannot keep; remove it", nul.getMessage());
        UnrollException twice = assertThrows(UnrollException.class,
                () -> Npz.bytes(Map.of("v", ShapedArray.vector(1)), Map.of("v", List.of("a"))));
        assertEquals("Npz: 'v' is both a number array and a text array; an .npz holds one array per name, so rename"
                + " one of them", twice.getMessage());
    }

    @Test
    void readingNumbersOnlyRejectsText() {
        Path file = dir.resolve("text.npz");
        Npz.write(file, arrays(), texts());
        UnrollException e = assertThrows(UnrollException.class, () -> NpzReader.read(file));
        assertEquals(file + ": the arrays [vocab, one] hold text, but only numbers are read here; save them without"
                + " text arrays", e.getMessage());
    }

    @Test
    void numpyLoadsTextWithoutPickleWhenAvailable() throws Exception {
        assumeTrue(numpyAvailable(), "skipped: python3 with numpy is not installed");
        Path file = dir.resolve("text.npz");
        Npz.write(file, arrays(), texts());
        String script = "import numpy as np, sys\n"
                + "z = np.load(sys.argv[1], allow_pickle=False)\n"
                + "v = z['vocab']\n"
                + "assert v.dtype == np.dtype('<U5') and v.shape == (6,), v.dtype\n"
                + "assert v.tolist() == ['<unk>', ' ', 'e', '', '\u00e9t\u00e9', '\\U0001F600'], v.tolist()\n"
                + "assert z['one'].tolist() == ['x'] and z['W_xh'][1, 2] == -6.5\n"
                + "print('ok')\n";
        assertPythonSaysOk(script, file);
    }

    @Test
    void numpyLoadsTheFileWhenAvailable() throws Exception {
        assumeTrue(numpyAvailable(), "skipped: python3 with numpy is not installed");
        Path file = dir.resolve("params.npz");
        Npz.write(file, arrays());
        String script = "import numpy as np, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "assert z['W_xh'].shape == (2, 3) and z['W_xh'].dtype == np.float64\n"
                + "assert z['W_xh'][1, 2] == -6.5 and z['W_xh'][0, 1] == 2\n"
                + "assert z['layer0/b'].tolist() == [0.125, -0.0]\n"
                + "assert z['scalar'].shape == () and float(z['scalar']) == np.pi\n"
                + "assert z['cube'][1, 0, 1] == 4\n"
                + "print('ok')\n";
        assertPythonSaysOk(script, file);
    }

    private static void assertPythonSaysOk(String script, Path file) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("ok", out.strip(), out);
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
