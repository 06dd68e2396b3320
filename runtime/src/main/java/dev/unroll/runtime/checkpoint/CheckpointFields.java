package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed reading of a checkpoint that came from outside, where a matching checksum proves only that the file is
 * unchanged since it was sealed, not that its contents make sense: every accessor checks presence, type and range,
 * and every failure names the file, the field or array, the offending value and what to do.
 *
 * @param checkpoint the decoded checkpoint
 * @param source where it came from (the file), for messages
 */
public record CheckpointFields(Checkpoint checkpoint, String source) {

    private static final int SHOWN_CHARS = 40;

    /** Reads {@code file} (format, version, length and checksum verified) for field-by-field validation. */
    public static CheckpointFields read(Path file) {
        Require.notNull(file, "CheckpointFields.read", "file");
        return new CheckpointFields(Checkpoints.read(file), file.toAbsolutePath().toString());
    }

    /** The metadata value of {@code key}, which must be present. */
    public String text(String key) {
        String value = checkpoint.metadata().get(key);
        if (value == null) {
            throw invalid("it has no metadata field '" + key + "'");
        }
        return value;
    }

    /** The metadata value of {@code key} as a whole number in {@code [min, max]}. */
    public long whole(String key, long min, long max) {
        String value = text(key);
        String range = min == Long.MIN_VALUE && max == Long.MAX_VALUE ? "a 64-bit whole number"
                : "a whole number in " + min + ".." + max;
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the range, like an out-of-range number.
        }
        throw invalid("the metadata field '" + key + "' must be " + range + ", but is " + quote(value));
    }

    /** The metadata value of {@code key} as an {@code int} in {@code [min, max]}. */
    public int integer(String key, int min, int max) {
        return (int) whole(key, min, max);
    }

    /** The metadata value of {@code key} as a finite number greater than 0. */
    public double positive(String key) {
        String value = text(key);
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && parsed < Double.POSITIVE_INFINITY) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number out of range.
        }
        throw invalid("the metadata field '" + key + "' must be a finite number > 0, but is " + quote(value));
    }

    /** The metadata value of {@code key}, which must be exactly {@code true} or {@code false}. */
    public boolean bool(String key) {
        String value = text(key);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("the metadata field '" + key + "' must be true or false, but is "
                    + quote(value));
        };
    }

    /** The metadata value of {@code key}, lower-cased, which must be one of {@code accepted} in any case. */
    public String choice(String key, List<String> accepted) {
        String value = text(key);
        String lower = value.toLowerCase(Locale.ROOT);
        if (!accepted.contains(lower)) {
            throw invalid("the metadata field '" + key + "' must be one of " + String.join(", ", accepted)
                    + ", but is " + quote(value));
        }
        return lower;
    }

    /** The array {@code name}, which must be present. */
    public ShapedArray array(String name) {
        ShapedArray array = checkpoint.arrays().get(name);
        if (array == null) {
            throw invalid("it has no array '" + name + "'");
        }
        return array;
    }

    /** The array {@code name}, which must have shape {@code shape} ({@code needer} says who needs it so). */
    public ShapedArray array(String name, int[] shape, String needer) {
        ShapedArray array = array(name);
        if (!Arrays.equals(array.shape(), shape)) {
            throw invalid("the array '" + name + "' has shape " + Arrays.toString(array.shape()) + ", but "
                    + needer + " needs " + Arrays.toString(shape));
        }
        return array;
    }

    /** Checks that every value of the array {@code name} is finite (not NaN, not infinite). */
    public void requireFinite(String name) {
        ShapedArray array = array(name);
        int index = array.firstNonFinite();
        if (index >= 0) {
            throw invalid("the array '" + name + "' holds the non-finite value " + array.get(index) + " at index "
                    + index + " (of " + array.size() + "), so the model it stores is unusable");
        }
    }

    /** An error that names the file and {@code problem} and says what to do. */
    public UnrollException invalid(String problem) {
        return new UnrollException("Checkpoint " + source + " is invalid: " + problem + "; use an intact"
                + " checkpoint, e.g. the previous one, or train again");
    }

    /** {@code value} in quotes, shortened when long so that a hostile value cannot flood the message. */
    public static String quote(String value) {
        Require.notNull(value, "CheckpointFields.quote", "value");
        return value.length() <= SHOWN_CHARS ? "'" + value + "'"
                : "'" + value.substring(0, SHOWN_CHARS) + "...' (" + value.length() + " characters)";
    }
}
