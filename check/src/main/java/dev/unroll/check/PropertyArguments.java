package dev.unroll.check;

import java.util.List;
import java.util.StringJoiner;

/**
 * The generated arguments of one try of a {@link Property} method, printed as {@code name = value} pairs.
 *
 * @param names the parameter names (as compiled; {@code arg0}... without {@code -parameters})
 * @param values the generated values, in parameter order
 */
record PropertyArguments(List<String> names, List<Object> values) {

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ");
        for (int i = 0; i < values.size(); i++) {
            joiner.add(names.get(i) + " = " + Values.format(values.get(i)));
        }
        return joiner.toString();
    }
}
