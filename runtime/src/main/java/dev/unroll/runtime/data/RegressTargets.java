package dev.unroll.runtime.data;

import dev.unroll.dsl.core.UnrollException;
import java.util.List;

/**
 * The rules of regression targets: every field a group of comma-separated finite numbers; one group for the
 * sequence (read at its last step) or one per token (read at every step); every group of a file equally wide, and
 * a file either per sequence or per token throughout.
 */
final class RegressTargets {

    private RegressTargets() {
    }

    /** Checks one line's target groups. */
    static void check(String where, List<String> groups, int length) {
        if (groups.size() != 1 && groups.size() != length) {
            throw new UnrollException(where + ": task regress takes one group of numbers for the sequence or one"
                    + " per token, but the sequence has " + length + " tokens and the target " + groups.size()
                    + " space-separated groups; give 1 or " + length);
        }
        int width = -1;
        for (int g = 0; g < groups.size(); g++) {
            String[] numbers = groups.get(g).split(",", -1);
            if (width >= 0 && numbers.length != width) {
                throw new UnrollException(where + ": target group " + (g + 1) + " has " + numbers.length
                        + " numbers but group 1 has " + width + "; give every group the same count");
            }
            width = numbers.length;
            for (int i = 0; i < numbers.length; i++) {
                number(where, "target number " + (i + 1) + " of group " + (g + 1), numbers[i]);
            }
        }
    }

    /** Parses a finite decimal number, failing with the place, the field and the value. */
    static double number(String where, String what, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UnrollException(where + ": " + what + " is '" + text + "', not a number; write a decimal"
                    + " number such as 0.5 or -3");
        }
        if (!Double.isFinite(value) || text.strip().length() != text.length()) {
            throw new UnrollException(where + ": " + what + " is '" + text + "'; write a finite decimal number"
                    + " without spaces");
        }
        return value;
    }

    /** The number of values in one target group of {@code example}. */
    static int width(RawExample example) {
        return example.targets().get(0).split(",", -1).length;
    }

    /** Whether {@code example}'s targets are one group per token (false: one for the sequence). */
    static boolean perToken(RawExample example) {
        return example.targets().size() > 1;
    }

    /** Checks that all lines of a regression file agree on the width and on per sequence versus per token. */
    static void requireConsistent(List<RawExample> examples, Task task) {
        if (task != Task.REGRESS) {
            return;
        }
        RawExample first = examples.get(0);
        RawExample perToken = null;
        for (RawExample e : examples) {
            if (width(e) != width(first)) {
                throw new UnrollException(e.where() + ": the target has " + width(e) + " numbers per group, but "
                        + first.where() + " has " + width(first) + "; give every line the same count");
            }
            if (perToken(e)) {
                perToken = perToken == null ? e : perToken;
            }
        }
        for (RawExample e : examples) {
            if (perToken != null && e.targets().size() != e.tokens().size()) {
                throw new UnrollException(e.where() + ": one target group for the whole sequence, but "
                        + perToken.where() + " gives one per token; a file is either one or the other");
            }
        }
    }
}
