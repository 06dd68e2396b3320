package dev.unroll.examples.cli;

import dev.unroll.examples.cli.FuzzFormat.Arr;
import dev.unroll.examples.cli.FuzzFormat.Parsed;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides, independently of the loader, whether bytes are a valid checkpoint of the model of a known-good
 * original (written by a real training run): a well-formed file whose fields have their documented types and
 * ranges and whose arrays are exactly what that model, its optimizer and its epochs need, all values usable.
 */
final class FuzzOracle {

    /** The fields {@code train --resume} requires to equal its own flags (as TrainCommand does). */
    static final List<String> MUST_MATCH = List.of("cell", "layers", "bidirectional", "hidden", "dropout",
            "variational_dropout", "zoneout", "preprocessing", "tokens", "dtype", "steps", "batch", "seed", "optimizer");

    private final Map<String, String> meta;
    private final Map<String, int[]> params = new LinkedHashMap<>();
    private final int vocabSize;

    FuzzOracle(byte[] original) {
        Parsed p = FuzzFormat.parse(original);
        this.meta = map(p.meta());
        for (Map.Entry<String, Arr> e : p.arrays()) {
            if (e.getKey().startsWith("param/")) {
                params.put(e.getKey().substring("param/".length()), e.getValue().shape());
            }
        }
        this.vocabSize = p.vocab().size();
    }

    /** Whether {@code generate} must accept the bytes. */
    boolean valid(byte[] bytes) {
        Parsed p = FuzzFormat.parse(bytes);
        if (p == null) {
            return false;
        }
        Map<String, String> m = map(p.meta());
        return metadataValid(m) && vocabularyValid(p.vocab()) && arraysValid(m, arrays(p));
    }

    /** The regularization fields: probabilities in [0, 1), 0 when absent (written before they were recorded). */
    static final List<String> PROBABILITIES = List.of("dropout", "variational_dropout", "zoneout");

    /** Whether {@code train --resume} with the original's flags must accept the bytes. */
    boolean resumable(byte[] bytes) {
        if (!valid(bytes)) {
            return false;
        }
        Map<String, String> m = map(FuzzFormat.parse(bytes).meta());
        return MUST_MATCH.stream().allMatch(k -> PROBABILITIES.contains(k)
                ? probability(m.get(k)) == probability(meta.get(k)) : m.get(k).equals(meta.get(k)));
    }

    /** The probability a regularization field holds: 0 if absent, NaN unless a number in [0, 1). */
    private static double probability(String value) {
        if (value == null) {
            return 0;
        }
        try {
            double p = Double.parseDouble(value);
            return p >= 0 && p < 1 ? p : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private boolean metadataValid(Map<String, String> m) {
        for (String key : List.of("format", "cell", "layers", "bidirectional", "hidden", "preprocessing", "tokens",
                "steps", "batch", "seed", "optimizer", "lr", "dtype", "truncation", "sampling", "epochs_done")) {
            if (!m.containsKey(key)) {
                return false;
            }
        }
        Long steps = whole(m.get("steps"), 1, Integer.MAX_VALUE);
        return m.get("format").equals(meta.get("format")) && m.get("cell").equals(meta.get("cell"))
                && m.get("bidirectional").equals(meta.get("bidirectional")) && sameLayerNorm(m)
                && sameNumber(m, "layers") && sameNumber(m, "hidden")
                && oneOf(m.get("preprocessing"), "lecture", "raw") && oneOf(m.get("tokens"), "chars", "words")
                && oneOf(m.get("optimizer"), "sgd", "adam") && oneOf(m.get("dtype"), "float32", "float64")
                && oneOf(m.get("sampling"), "random", "sequential")
                && steps != null && whole(m.get("batch"), 1, Integer.MAX_VALUE) != null
                && whole(m.get("seed"), Long.MIN_VALUE, Long.MAX_VALUE) != null
                && whole(m.get("epochs_done"), 0, Integer.MAX_VALUE) != null
                && positive(m.get("lr")) && truncation(m.get("truncation"), steps)
                && PROBABILITIES.stream().noneMatch(k -> Double.isNaN(probability(m.get(k))))
                && versionValid(m.get("format_version")) && sameEmbedding(m);
    }

    /** The format version: absent (version 1, written before the field existed) or 1 to this build's 2. */
    private static boolean versionValid(String value) {
        return value == null || whole(value, 1, 2) != null;
    }

    /** The embedding's features, 0 (one-hot) when absent, must be the original's: they shape the parameters. */
    private boolean sameEmbedding(Map<String, String> m) {
        Long now = m.containsKey("embedding") ? whole(m.get("embedding"), 0, 46_340) : Long.valueOf(0);
        Long was = meta.containsKey("embedding") ? whole(meta.get("embedding"), 0, 46_340) : Long.valueOf(0);
        return now != null && now.equals(was);
    }

    /** A checkpoint without {@code layer_norm} was saved before the field existed, from a model without it. */
    private boolean sameLayerNorm(Map<String, String> m) {
        return m.getOrDefault("layer_norm", "false").equals(meta.getOrDefault("layer_norm", "false"));
    }

    private boolean sameNumber(Map<String, String> m, String key) {
        Long value = whole(m.get(key), 1, Integer.MAX_VALUE);
        return value != null && value.equals(whole(meta.get(key), 1, Integer.MAX_VALUE));
    }

    private boolean vocabularyValid(List<String> vocab) {
        return vocab.size() == vocabSize && vocab.get(0).equals("<unk>") && new HashSet<>(vocab).size() == vocabSize;
    }

    private boolean arraysValid(Map<String, String> m, Map<String, Arr> arrays) {
        Set<String> expected = new HashSet<>(List.of("history/train", "history/validation"));
        params.keySet().forEach(p -> expected.add("param/" + p));
        boolean adam = m.get("optimizer").toLowerCase(Locale.ROOT).equals("adam");
        Arr step = arrays.get("optim/step");
        if (adam) {
            expected.add("optim/step");
            if (step == null || !Arrays.equals(step.shape(), new int[] {1}) || step.values().length != 1) {
                return false;
            }
            double s = step.values()[0];
            if (!(s >= 0 && s <= 0x1p53 && s == Math.rint(s))) {
                return false;
            }
            if (s > 0) {
                params.keySet().forEach(p -> expected.addAll(List.of("optim/m." + p, "optim/v." + p)));
            }
        }
        if (!arrays.keySet().equals(expected)) {
            return false;
        }
        int epochs = Integer.parseInt(m.get("epochs_done"));
        return params.entrySet().stream().allMatch(e -> usable(arrays, e.getKey(), e.getValue(), adam && step
                .values()[0] > 0))
                && history(arrays.get("history/train"), epochs, false)
                && history(arrays.get("history/validation"), epochs, true);
    }

    /** The parameter and, with Adam's moments, both moments: the parameter's shape, finite, second moment >= 0. */
    private static boolean usable(Map<String, Arr> arrays, String param, int[] shape, boolean moments) {
        List<String> names = moments ? List.of("param/" + param, "optim/m." + param, "optim/v." + param)
                : List.of("param/" + param);
        for (String name : names) {
            Arr a = arrays.get(name);
            if (!Arrays.equals(a.shape(), shape) || a.values().length != shape[0] * shape[1]) {
                return false;
            }
            for (double v : a.values()) {
                if (!Double.isFinite(v) || name.startsWith("optim/v.") && v < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean history(Arr a, int epochs, boolean mayBeEmpty) {
        if (a.shape().length != 1 || a.values().length != a.shape()[0]
                || a.shape()[0] != epochs && !(mayBeEmpty && a.shape()[0] == 0)) {
            return false;
        }
        return Arrays.stream(a.values()).allMatch(v -> v > 0);
    }

    private static boolean truncation(String t, Long steps) {
        if (t.equals("full")) {
            return true;
        }
        if (t.startsWith("fixed:")) {
            Long k = whole(t.substring(6), 1, Integer.MAX_VALUE);
            return k != null && steps != null && k <= steps;
        }
        if (t.startsWith("random:")) {
            try {
                double pi = Double.parseDouble(t.substring(7));
                return pi > 0 && pi <= 1;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean oneOf(String value, String... accepted) {
        return List.of(accepted).contains(value.toLowerCase(Locale.ROOT));
    }

    private static Long whole(String value, long min, long max) {
        try {
            long v = Long.parseLong(value);
            return v >= min && v <= max ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean positive(String value) {
        try {
            double v = Double.parseDouble(value);
            return v > 0 && Double.isFinite(v);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, String> map(List<Map.Entry<String, String>> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Map<String, Arr> arrays(Parsed p) {
        Map<String, Arr> out = new LinkedHashMap<>();
        p.arrays().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
