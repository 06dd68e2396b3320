package dev.unroll.runtime.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.check.Gen;
import dev.unroll.check.Gens;
import dev.unroll.check.PropertyRunner;
import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every single-byte change and every truncation of small checkpoints is reported, never silently accepted. */
class CheckpointCorruptionTest {

    private static final String WHERE = "/tmp/x.ckpt";

    static Gen<Checkpoint> checkpoints() {
        Gen<String> words = Gens.oneOf("", "a", "epoch", "\u00E9", "--hidden 8", "<unk>", "\n");
        Gen<Map<String, String>> metadata = Gens.lists(Gens.tuples(words, words), 0, 4).map(pairs -> {
            Map<String, String> map = new LinkedHashMap<>();
            pairs.forEach(p -> map.put("k" + p.first(), p.second()));
            return map;
        });
        Gen<ShapedArray> arrays = Gens.tuples(Gens.integers(0, 3), Gens.integers(1, 3), Gens.doubles())
                .map(t -> {
                    double[] values = new double[t.first() * t.second()];
                    Arrays.fill(values, t.third());
                    return ShapedArray.matrix(t.first(), t.second(), values);
                });
        Gen<Map<String, ShapedArray>> named = Gens.lists(arrays, 0, 3).map(list -> {
            Map<String, ShapedArray> map = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                map.put("p" + i, list.get(i));
            }
            return map;
        });
        return Gens.zip(Gens.tuples(metadata, named), Gens.lists(words, 0, 5),
                (mn, vocab) -> new Checkpoint(mn.first(), mn.second(), vocab));
    }

    @Test
    void randomCheckpointsRoundTrip() {
        PropertyRunner.forAll(checkpoints()).tries(200).seed(41).check(checkpoint ->
                assertEquals(checkpoint, CheckpointCodec.decode(CheckpointCodec.encode(checkpoint), WHERE)));
    }

    @Test
    void everySingleByteCorruptionIsDetected() {
        PropertyRunner.forAll(checkpoints(), Gens.integers(1, 255)).tries(40).seed(42).check(c -> {
            byte[] bytes = CheckpointCodec.encode(c.first());
            for (int i = 0; i < bytes.length; i++) {
                byte[] damaged = bytes.clone();
                damaged[i] ^= (byte) (int) c.second();
                String message = assertThrows(UnrollException.class,
                        () -> CheckpointCodec.decode(damaged, WHERE), "byte " + i).getMessage();
                assertTrue(message.startsWith("Checkpoint " + WHERE + " is "), message);
            }
        });
    }

    @Test
    void everyTruncationIsDetectedAsSuch() {
        PropertyRunner.forAll(checkpoints()).tries(40).seed(43).check(checkpoint -> {
            byte[] bytes = CheckpointCodec.encode(checkpoint);
            for (int length = 0; length < bytes.length; length++) {
                byte[] cut = Arrays.copyOf(bytes, length);
                String message = assertThrows(UnrollException.class, () -> CheckpointCodec.decode(cut, WHERE),
                        "length " + length).getMessage();
                assertTrue(message.startsWith("Checkpoint " + WHERE + " is truncated: it has " + length + " bytes"),
                        message);
            }
        });
    }

    @Test
    void theCorruptionKindIsNamed() {
        byte[] bytes = CheckpointCodec.encode(new Checkpoint(Map.of("a", "b"), Map.of(), List.of("<unk>")));
        assertTrue(decodeFlipped(bytes, 0).contains("is not an Unroll checkpoint"));
        assertTrue(decodeFlipped(bytes, 11).contains("is incompatible: it has format version 0, which no version"));
        long declared = (1L << 56) + bytes.length;
        assertTrue(decodeFlipped(bytes, 12).contains("is truncated: it has " + bytes.length + " bytes but needs "
                + declared));
        assertTrue(decodeFlipped(bytes, 25).contains("is corrupted: its CRC-32 checksum does not match"));
        assertTrue(decodeFlipped(bytes, bytes.length - 1).contains("CRC-32"));
    }

    private static String decodeFlipped(byte[] bytes, int index) {
        byte[] damaged = bytes.clone();
        damaged[index] ^= 1;
        return assertThrows(UnrollException.class, () -> CheckpointCodec.decode(damaged, WHERE)).getMessage();
    }
}
