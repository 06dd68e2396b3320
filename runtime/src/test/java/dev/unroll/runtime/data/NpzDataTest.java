package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.Npz;
import dev.unroll.runtime.checkpoint.NpzReader;
import dev.unroll.runtime.checkpoint.ShapedArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzDataTest {

    @TempDir
    Path dir;

    private Path npz(String name, Map<String, ShapedArray> arrays) {
        Path file = dir.resolve(name);
        Npz.write(file, arrays);
        return file;
    }

    @Test
    void theReaderReadsWhatTheWriterWrites() {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        arrays.put("a", ShapedArray.matrix(2, 3, 1, -2.5, 3, 4e300, 5, Double.MIN_VALUE));
        arrays.put("b", ShapedArray.vector(7));
        assertEquals(arrays, NpzReader.read(npz("w.npz", arrays)));
    }

    @Test
    void int32ArraysInACompressedZipAreRead() throws IOException {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }";
        String header = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
        ByteBuffer npy = ByteBuffer.allocate(10 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
        npy.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(-2).putInt(3).putInt(40);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("x.npy"));
            zip.write(npy.array());
            zip.closeEntry();
        }
        Path file = dir.resolve("c.npz");
        Files.write(file, bytes.toByteArray());
        assertEquals(ShapedArray.matrix(2, 2, 1, -2, 3, 40), NpzReader.read(file).get("x"));
    }

    @Test
    void tokenIdsLengthsAndOneTargetPerSequenceBecomeExamples() {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        arrays.put("x", ShapedArray.matrix(3, 4, 5, 6, 0, 0, 1, 2, 3, 4, 7, 0, 0, 0));
        arrays.put("lengths", ShapedArray.vector(2, 4, 1));
        arrays.put("y", ShapedArray.vector(0, 1, 0));
        Path file = npz("d.npz", arrays);
        Examples e = NpzData.read(file, Task.CLASSIFY, true);
        assertEquals(TokenKind.WORDS, e.kind());
        assertEquals(List.of("5", "6"), e.list().get(0).tokens());
        assertEquals(List.of("1", "2", "3", "4"), e.list().get(1).tokens());
        assertEquals(List.of("0"), e.list().get(2).targets());
        assertEquals(file + " row 3", e.list().get(2).where());
    }

    @Test
    void featuresAndTargetsPerStepBecomeNumbers() {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        arrays.put("x", new ShapedArray(new int[] {1, 2, 2}, new double[] {0.5, 1, -2, 3}));
        arrays.put("y", ShapedArray.matrix(1, 2, 0.25, 0.75));
        Examples e = NpzData.read(npz("f.npz", arrays), Task.REGRESS, true);
        DataSpec spec = DataSpec.learn(e.list(), Task.REGRESS, e.kind());
        Sequence s = spec.encode(e.list()).get(0);
        assertEquals(2, spec.inputWidth());
        assertEquals(List.of(0.5, 1.0, -2.0, 3.0), List.of(s.x()[0], s.x()[1], s.x()[2], s.x()[3]));
        assertEquals(List.of(0.25, 0.75), List.of(s.y()[0], s.y()[1]));
    }

    @Test
    void badArraysAreNamed() {
        Map<String, ShapedArray> arrays = new LinkedHashMap<>();
        arrays.put("x", ShapedArray.matrix(2, 2, 1, 2, 3, 4));
        arrays.put("lengths", ShapedArray.vector(2, 3));
        arrays.put("y", ShapedArray.vector(0, 1));
        Path file = npz("bad.npz", arrays);
        UnrollException e = assertThrows(UnrollException.class, () -> NpzData.read(file, Task.CLASSIFY, true));
        assertEquals(file + " row 2: length 3.0 must be a whole number in [1, 2] (T, the columns of x)",
                e.getMessage());
        arrays.remove("y");
        arrays.put("lengths", ShapedArray.vector(2, 2));
        Path noY = npz("no-y.npz", arrays);
        UnrollException missing = assertThrows(UnrollException.class, () -> NpzData.read(noY, Task.LABEL, true));
        assertEquals(noY + " has no array 'y' (it has [x, lengths]); save x, lengths and y as docs/TASKS.md"
                + " describes", missing.getMessage());
    }
}
