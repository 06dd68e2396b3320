package dev.unroll.check;

import java.util.Arrays;
import java.util.Collection;
import java.util.StringJoiner;

/** Formats generated values for failure reports, printing arrays element by element instead of by identity. */
final class Values {

    private Values() {
    }

    static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            return formatArray(value);
        }
        if (value instanceof Collection<?> collection && containsArray(collection)) {
            StringJoiner joiner = new StringJoiner(", ", "[", "]");
            collection.forEach(element -> joiner.add(format(element)));
            return joiner.toString();
        }
        return String.valueOf(value);
    }

    private static boolean containsArray(Collection<?> collection) {
        return collection.stream().anyMatch(e -> e != null && (e.getClass().isArray() || e instanceof Collection));
    }

    private static String formatArray(Object array) {
        if (array instanceof double[] a) {
            return Arrays.toString(a);
        } else if (array instanceof int[] a) {
            return Arrays.toString(a);
        } else if (array instanceof long[] a) {
            return Arrays.toString(a);
        } else if (array instanceof float[] a) {
            return Arrays.toString(a);
        } else if (array instanceof boolean[] a) {
            return Arrays.toString(a);
        } else if (array instanceof byte[] a) {
            return Arrays.toString(a);
        } else if (array instanceof short[] a) {
            return Arrays.toString(a);
        } else if (array instanceof char[] a) {
            return Arrays.toString(a);
        }
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        for (Object element : (Object[]) array) {
            joiner.add(format(element));
        }
        return joiner.toString();
    }
}
