package dev.unroll.spark.sweep;

import dev.unroll.dsl.core.UnrollException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The values a sweep tries for each {@link SweepOption}; an option the grid does not list keeps its default. Read
 * from entries {@code name=v1,v2,...} (the job's {@code --grid} flags, or the lines of a grid file, where {@code =}
 * may have spaces around it and {@code #} starts a comment). Every value is checked where it is read.
 *
 * @param values the values of each listed option, in the order given
 */
public record SweepGrid(Map<SweepOption, List<String>> values) {

    /** The most configurations one sweep may have; a grid that multiplies out to more is a mistake. */
    public static final int MAX_CONFIGURATIONS = 100_000;

    public SweepGrid {
        EnumMap<SweepOption, List<String>> copy = new EnumMap<>(SweepOption.class);
        values.forEach((o, vs) -> copy.put(o, List.copyOf(vs)));
        values = Collections.unmodifiableMap(copy);
    }

    /** The grid of {@code entries}, each {@code name=v1,v2,...}; {@code source} names their origin for errors. */
    public static SweepGrid parse(List<String> entries, String source) {
        List<String> where = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            where.add(source + " entry " + (i + 1) + " '" + entries.get(i).strip() + "'");
        }
        return parse(entries, where, source);
    }

    private static SweepGrid parse(List<String> entries, List<String> where, String source) {
        Map<SweepOption, List<String>> values = new EnumMap<>(SweepOption.class);
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            String at = where.get(i);
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new UnrollException("a sweep grid entry must be NAME=VALUE,VALUE,... (e.g. lr=0.5,1), but " + at
                        + " has '" + entry + "'");
            }
            SweepOption option = SweepOption.named(entry.substring(0, eq).strip(), at);
            if (values.containsKey(option)) {
                throw new UnrollException("sweep option " + option.key() + " is given twice (again in " + at
                        + "); list all its values in one entry, separated by commas");
            }
            values.put(option, values(option, entry.substring(eq + 1), at));
        }
        if (values.isEmpty()) {
            throw new UnrollException("the sweep grid in " + source + " is empty; give at least one option, e.g."
                    + " lr=0.5,1 (options: " + SweepOption.keys() + ")");
        }
        return new SweepGrid(values);
    }

    private static List<String> values(SweepOption option, String text, String at) {
        List<String> out = new ArrayList<>();
        for (String v : text.split(",", -1)) {
            String value = v.strip();
            if (value.isEmpty()) {
                throw new UnrollException("sweep option " + option.key() + " in " + at + " has an empty value in '"
                        + text.strip() + "'; give values separated by single commas, e.g. " + option.key() + "="
                        + option.defaultValue());
            }
            option.check(value, at);
            if (out.contains(value)) {
                throw new UnrollException("sweep option " + option.key() + " in " + at + " lists " + value
                        + " twice; every value once");
            }
            out.add(value);
        }
        return out;
    }

    /** The grid in {@code file}: one entry per line, blank lines and {@code #} comments ignored. */
    public static SweepGrid read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnrollException("cannot read the sweep grid file " + file.toAbsolutePath() + ": " + e
                    + "; check the path given to --grid-file", e);
        }
        List<String> entries = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (!line.isEmpty()) {
                entries.add(line);
                where.add(file + " line " + (i + 1));
            }
        }
        return parse(entries, where, file.toString());
    }

    /** Every combination of the listed values, the last option varying fastest; ids count from 0. */
    public List<SweepConfig> configurations() {
        long count = count();
        List<SweepConfig> out = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            Map<SweepOption, String> chosen = new EnumMap<>(SweepOption.class);
            int rest = id;
            List<SweepOption> options = new ArrayList<>(values.keySet());
            for (int k = options.size() - 1; k >= 0; k--) {
                List<String> vs = values.get(options.get(k));
                chosen.put(options.get(k), vs.get(rest % vs.size()));
                rest /= vs.size();
            }
            out.add(config(id, chosen));
        }
        return out;
    }

    /**
     * {@code count} configurations, each option's value drawn uniformly from its list and each seed drawn, all
     * from {@code sweepSeed}; the grid must not list {@code seed}.
     */
    public List<SweepConfig> random(int count, long sweepSeed) {
        if (count < 1 || count > MAX_CONFIGURATIONS) {
            throw new UnrollException("a random search needs 1 to " + MAX_CONFIGURATIONS + " configurations, got "
                    + count);
        }
        if (values.containsKey(SweepOption.SEED)) {
            throw new UnrollException("a random search draws each configuration's seed from the sweep seed, but the"
                    + " grid lists seed " + values.get(SweepOption.SEED) + "; drop seed from the grid and give"
                    + " --sweep-seed");
        }
        Random random = new Random(sweepSeed);
        List<SweepConfig> out = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            Map<SweepOption, String> chosen = new EnumMap<>(SweepOption.class);
            values.forEach((o, vs) -> chosen.put(o, vs.get(random.nextInt(vs.size()))));
            chosen.put(SweepOption.SEED, Long.toString(random.nextLong()));
            out.add(config(id, chosen));
        }
        return out;
    }

    private long count() {
        long count = 1;
        for (List<String> vs : values.values()) {
            count *= vs.size();
            if (count > MAX_CONFIGURATIONS) {
                throw new UnrollException("the sweep grid " + values + " has more than " + MAX_CONFIGURATIONS
                        + " configurations; list fewer values, or draw some with a random search (--random N)");
            }
        }
        return count;
    }

    private static SweepConfig config(int id, Map<SweepOption, String> chosen) {
        for (SweepOption o : SweepOption.values()) {
            chosen.putIfAbsent(o, o.defaultValue());
        }
        return new SweepConfig(id, chosen);
    }
}
