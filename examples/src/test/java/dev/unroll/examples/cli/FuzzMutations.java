package dev.unroll.examples.cli;

import dev.unroll.examples.cli.FuzzFormat.Arr;
import dev.unroll.examples.cli.FuzzFormat.Parsed;
import java.nio.ByteBuffer;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Damaged and edited versions of a good checkpoint: byte flips (left as they are, or re-sealed with a correct
 * checksum), truncations, hostile counts and lengths, and re-sealed edits of metadata values, array shapes and
 * values, the vocabulary and the version. Whether each result is valid is for {@link FuzzOracle} to say.
 */
final class FuzzMutations {

    /** One mutated file and what was done to it. */
    record Case(String what, byte[] bytes) {
    }

    private static final List<String> VALUES = List.of("", "abc", "-1", "0", "1", "2", "3", "4", "5", "6", "7", "64",
            "65", "46340", "46341", "2147483647", "2147483648", "-2147483648", "9223372036854775807",
            "99999999999999999999", "1.5", "0.5", "1e-3", "1.0", "NaN", "Infinity", "-Infinity", "1e400", " 4", "4 ",
            "+4", "04", "true", "false", "TRUE", "yes", "lstm", "gru", "rnn", "LSTM", "java.lang.String",
            "no.such.Cell", "lstm;", "sgd", "adam", "ADAM", "rmsprop", "float32", "float64", "FLOAT64", "float16",
            "random", "sequential", "Sequential", "full", "fixed:1", "fixed:5", "fixed:6", "fixed:0", "fixed:x",
            "random:0.5", "random:0", "random:1.5", "lecture", "raw", "RAW", "chars", "words", "unroll-language-model",
            "x".repeat(5000), "\u0000", "\u00E9");
    private static final double[] NUMBERS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0,
        -0.5, 0.25, 3.0, 1e300, -1e-300, Double.MIN_VALUE, 1.5, 0x1p53, 0x1p60};
    private static final int[] INTS = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fff0000, 65536};

    private final byte[] original;
    private final Parsed parsed;
    private final SplittableRandom random;
    private final List<Case> cases = new ArrayList<>();

    FuzzMutations(byte[] original, long seed) {
        this.original = original;
        this.parsed = FuzzFormat.parse(original);
        this.random = new SplittableRandom(seed);
    }

    /** Every case, in a fixed order for a given seed. */
    List<Case> all() {
        flips(300, false);
        flips(800, true);
        truncations(300);
        hostileInts(150);
        metadata(20);
        arrays(3);
        vocabulary();
        versions();
        return cases;
    }

    private void flips(int count, boolean reseal) {
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(original.length - (reseal ? 4 : 0));
            int mask = 1 + random.nextInt(255);
            byte[] bytes = original.clone();
            bytes[at] ^= (byte) mask;
            add((reseal ? "re-sealed " : "") + "flip of byte " + at + " by " + mask,
                    reseal ? FuzzFormat.reseal(bytes) : bytes);
        }
    }

    private void truncations(int count) {
        for (int length = 0; length < 64; length++) {
            add("truncation to " + length + " bytes", Arrays.copyOf(original, length));
        }
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(original.length);
            add("truncation to " + length + " bytes", Arrays.copyOf(original, length));
        }
    }

    /** A count, string length, rank or dimension set to a hostile value, re-sealed. */
    private void hostileInts(int count) {
        List<Integer> offsets = parsed.intOffsets();
        for (int i = 0; i < count; i++) {
            int at = offsets.get(random.nextInt(offsets.size()));
            int value = random.nextBoolean() ? INTS[random.nextInt(INTS.length)]
                    : ByteBuffer.wrap(original).getInt(at) + (random.nextBoolean() ? 1 : -1);
            byte[] bytes = original.clone();
            ByteBuffer.wrap(bytes).putInt(at, value);
            add("re-sealed int at " + at + " set to " + value, FuzzFormat.reseal(bytes));
        }
    }

    private void metadata(int valuesPerKey) {
        for (int k = 0; k < parsed.meta().size(); k++) {
            String key = parsed.meta().get(k).getKey();
            for (int i = 0; i < valuesPerKey; i++) {
                String value = VALUES.get(random.nextInt(VALUES.size()));
                int index = k;
                edit("metadata " + key + " = '" + abbreviate(value) + "'",
                        p -> withMeta(p, m -> m.set(index, new SimpleEntry<>(key, value))));
            }
            int index = k;
            edit("metadata " + key + " removed", p -> withMeta(p, m -> m.remove(index)));
            edit("metadata " + key + " twice", p -> withMeta(p, m -> m.add(m.get(index))));
        }
        edit("an unknown metadata field", p -> withMeta(p, m -> m.add(new SimpleEntry<>("comment", "hello"))));
    }

    private void arrays(int editsPerArray) {
        for (int a = 0; a < parsed.arrays().size(); a++) {
            String name = parsed.arrays().get(a).getKey();
            Arr arr = parsed.arrays().get(a).getValue();
            int index = a;
            for (int i = 0; i < editsPerArray; i++) {
                int kind = random.nextInt(7);
                String what = "array " + name + ": " + switch (kind) {
                    case 0 -> "shape reversed";
                    case 1 -> "flattened";
                    case 2 -> "a leading dimension of 1";
                    case 3 -> "removed";
                    case 4 -> "twice";
                    case 5 -> "renamed";
                    default -> "a value changed";
                };
                edit(what, p -> withArrays(p, list -> arrayEdit(list, index, name, arr, kind)));
            }
        }
        edit("an unknown array", p -> withArrays(p, l -> l.add(new SimpleEntry<>("notes", new Arr(new int[] {1},
                new double[] {1})))));
    }

    private void arrayEdit(List<Map.Entry<String, Arr>> list, int index, String name, Arr arr, int kind) {
        int[] shape = arr.shape();
        int[] reversed = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            reversed[i] = shape[shape.length - 1 - i];
        }
        int[] leading = new int[shape.length + 1];
        leading[0] = 1;
        System.arraycopy(shape, 0, leading, 1, shape.length);
        switch (kind) {
            case 0 -> list.set(index, new SimpleEntry<>(name, new Arr(reversed, arr.values())));
            case 1 -> list.set(index, new SimpleEntry<>(name, new Arr(new int[] {arr.values().length}, arr.values())));
            case 2 -> list.set(index, new SimpleEntry<>(name, new Arr(leading, arr.values())));
            case 3 -> list.remove(index);
            case 4 -> list.add(list.get(index));
            case 5 -> list.set(index, new SimpleEntry<>(name + "x", arr));
            default -> {
                double[] values = arr.values().clone();
                if (values.length > 0) {
                    values[random.nextInt(values.length)] = random.nextBoolean() ? NUMBERS[random.nextInt(
                            NUMBERS.length)] : random.nextDouble(-2, 2);
                }
                list.set(index, new SimpleEntry<>(name, new Arr(shape, values)));
            }
        }
    }

    private void vocabulary() {
        List<String> v = parsed.vocab();
        edit("vocabulary emptied", p -> withVocab(p, List.of()));
        edit("vocabulary without its last token", p -> withVocab(p, v.subList(0, v.size() - 1)));
        edit("vocabulary with one more token", p -> withVocab(p, concat(v, "\u00FE")));
        edit("vocabulary with a repeated token", p -> withVocab(p, concat(v.subList(0, v.size() - 1), v.get(1))));
        edit("vocabulary with <unk> moved", p -> withVocab(p, swapped(v, 0, 1)));
        edit("vocabulary with two tokens swapped", p -> withVocab(p, swapped(v, 1, 2)));
        edit("vocabulary with a token renamed", p -> withVocab(p, renamed(v, 2, "\u00FE")));
        edit("vocabulary with a token renamed to <unk>", p -> withVocab(p, renamed(v, 2, "<unk>")));
        edit("vocabulary with a token emptied", p -> withVocab(p, renamed(v, 2, "")));
    }

    private void versions() {
        for (int version : new int[] {0, 2, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            edit("version " + version, p -> new Parsed(version, p.meta(), p.arrays(), p.vocab(), p.intOffsets()));
        }
    }

    private void edit(String what, UnaryOperator<Parsed> edit) {
        add(what, FuzzFormat.encode(edit.apply(parsed)));
    }

    private void add(String what, byte[] bytes) {
        cases.add(new Case(what, bytes));
    }

    private static Parsed withMeta(Parsed p, Consumer<List<Map.Entry<String, String>>> edit) {
        List<Map.Entry<String, String>> meta = new ArrayList<>(p.meta());
        edit.accept(meta);
        return new Parsed(p.version(), meta, p.arrays(), p.vocab(), p.intOffsets());
    }

    private static Parsed withArrays(Parsed p, Consumer<List<Map.Entry<String, Arr>>> edit) {
        List<Map.Entry<String, Arr>> arrays = new ArrayList<>(p.arrays());
        edit.accept(arrays);
        return new Parsed(p.version(), p.meta(), arrays, p.vocab(), p.intOffsets());
    }

    private static Parsed withVocab(Parsed p, List<String> vocab) {
        return new Parsed(p.version(), p.meta(), p.arrays(), vocab, p.intOffsets());
    }

    private static List<String> concat(List<String> list, String more) {
        List<String> out = new ArrayList<>(list);
        out.add(more);
        return out;
    }

    private static List<String> swapped(List<String> list, int i, int j) {
        List<String> out = new ArrayList<>(list);
        Collections.swap(out, i, j);
        return out;
    }

    private static List<String> renamed(List<String> list, int i, String token) {
        List<String> out = new ArrayList<>(list);
        out.set(i, token);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
