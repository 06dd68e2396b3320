package dev.unroll.check;

import java.util.Arrays;

/**
 * Draws a long from an inclusive range with a choice encoding in which smaller choices mean values closer to the
 * origin (0, or the bound nearest 0), so that binary-searching a choice toward 0 shrinks the value monotonically.
 */
final class IntegralRange {

    private IntegralRange() {
    }

    static long draw(Choices c, long min, long max) {
        if (min >= 0) {
            return min + c.drawBiased(max - min, offsets(min, max, min, 1));
        }
        if (max < 0) {
            return max - c.drawBiased(max - min, offsets(min, max, max, -1));
        }
        // Range straddles 0: a side choice (0 = non-negative) then a magnitude; a single zig-zag choice would make
        // "still fails" non-monotone in the choice value and defeat binary search.
        if (negativeSide(c, min, max)) {
            long negatives = -(min + 1); // the count of negative values minus one; cannot overflow
            return -1 - c.drawBiased(negatives, 0, negatives);
        }
        return c.drawBiased(max, 0, 1, max);
    }

    private static boolean negativeSide(Choices c, long min, long max) {
        try {
            long last = Math.addExact(Math.addExact(max, -(min + 1)), 1);
            // Choices 0..max mean non-negative, the rest negative: uniform over the whole range.
            return c.drawBiased(last, 0, last) > max;
        } catch (ArithmeticException rangeWiderThanLong) {
            return c.draw(1) == 1;
        }
    }

    /** Choice offsets of the edge cases 0, 1, -1, min and max that lie in range, measured from the origin. */
    private static long[] offsets(long min, long max, long origin, int direction) {
        return Arrays.stream(new long[] {0, 1, -1, min, max})
                .filter(v -> v >= min && v <= max)
                .map(v -> direction > 0 ? v - origin : origin - v)
                .distinct()
                .toArray();
    }

    static void checkRange(String factory, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(factory + " needs min <= max, got min=" + min + ", max=" + max
                    + "; swap the bounds");
        }
    }
}
