package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import dev.unroll.runtime.checkpoint.NpzReader;
import dev.unroll.runtime.checkpoint.ShapedArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sequence data in a NumPy {@code .npz} file: {@code x} ({@code N×T} whole-number token ids, or {@code N×T×F}
 * real features), {@code lengths} ({@code N}, each in {@code [1, T]}; without it every row has length T) and
 * {@code y} ({@code N} targets, one per sequence, or {@code N×T}, one per step: class ids for classify and label,
 * numbers for regress). The rows become the same examples a line file gives, token ids and class ids as their
 * decimal text, so both formats share one encoding. The token kind follows from {@code x}: words (the ids) for
 * {@code N×T}, numbers for {@code N×T×F}.
 */
public final class NpzData {

    private NpzData() {
    }

    /** Reads {@code file} for {@code task}; without {@code withTargets}, {@code y} is not read (prediction). */
    public static Examples read(Path file, Task task, boolean withTargets) {
        Require.notNull(task, "NpzData.read", "task");
        Map<String, ShapedArray> arrays = NpzReader.read(file);
        ShapedArray x = require(arrays, "x", file);
        int[] xs = x.shape();
        if (xs.length != 2 && xs.length != 3 || xs[0] < 1 || xs[1] < 1) {
            throw new UnrollException(file + ": array 'x' must be N×T token ids or N×T×F features with N, T ≥ 1,"
                    + " but has shape " + Arrays.toString(xs));
        }
        int n = xs[0];
        int steps = xs[1];
        int features = xs.length == 3 ? xs[2] : 0;
        int[] lengths = lengths(arrays.get("lengths"), n, steps, file);
        ShapedArray y = task == Task.LM || !withTargets ? null : require(arrays, "y", file);
        boolean perStep = y != null && targetsPerStep(y, n, steps, file);
        List<RawExample> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            String where = file + " row " + (r + 1);
            List<String> tokens = new ArrayList<>();
            for (int t = 0; t < lengths[r]; t++) {
                tokens.add(features == 0 ? id(x.get(r * steps + t), where + " of 'x'")
                        : step(x, (r * steps + t) * features, features));
            }
            List<String> targets = new ArrayList<>();
            for (int t = 0; y != null && t < (perStep ? lengths[r] : 1); t++) {
                double v = y.get(perStep ? r * steps + t : r);
                targets.add(task == Task.REGRESS ? Double.toString(v) : id(v, where + " of 'y'"));
            }
            out.add(new RawExample(where, r + 1, tokens, targets));
        }
        return new Examples(features == 0 ? TokenKind.WORDS : TokenKind.NUMBERS, out);
    }

    private static ShapedArray require(Map<String, ShapedArray> arrays, String name, Path file) {
        ShapedArray a = arrays.get(name);
        if (a == null) {
            throw new UnrollException(file + " has no array '" + name + "' (it has " + arrays.keySet() + "); save x,"
                    + " lengths and y as docs/TASKS.md describes");
        }
        return a;
    }

    private static int[] lengths(ShapedArray given, int n, int steps, Path file) {
        int[] lengths = new int[n];
        Arrays.fill(lengths, steps);
        if (given == null) {
            return lengths;
        }
        if (!Arrays.equals(given.shape(), new int[] {n})) {
            throw new UnrollException(file + ": array 'lengths' must have shape [" + n + "] (one per row of x), but"
                    + " has " + Arrays.toString(given.shape()));
        }
        for (int r = 0; r < n; r++) {
            double v = given.get(r);
            if (v != Math.rint(v) || v < 1 || v > steps) {
                throw new UnrollException(file + " row " + (r + 1) + ": length " + v + " must be a whole number in"
                        + " [1, " + steps + "] (T, the columns of x)");
            }
            lengths[r] = (int) v;
        }
        return lengths;
    }

    private static boolean targetsPerStep(ShapedArray y, int n, int steps, Path file) {
        int[] ys = y.shape();
        if (Arrays.equals(ys, new int[] {n})) {
            return false;
        }
        if (Arrays.equals(ys, new int[] {n, steps})) {
            return true;
        }
        throw new UnrollException(file + ": array 'y' must have shape [" + n + "] (one target per sequence) or ["
                + n + ", " + steps + "] (one per step), but has " + Arrays.toString(ys));
    }

    private static String id(double v, String where) {
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new UnrollException(where + ": " + v + " is not a whole number ≥ 0; token and class ids are"
                    + " integers (use x of shape N×T×F for real-valued inputs)");
        }
        return Long.toString((long) v);
    }

    private static String step(ShapedArray x, int from, int features) {
        StringBuilder s = new StringBuilder();
        for (int f = 0; f < features; f++) {
            s.append(f == 0 ? "" : TokenKind.FEATURE_SEPARATOR).append(x.get(from + f));
        }
        return s.toString();
    }
}
