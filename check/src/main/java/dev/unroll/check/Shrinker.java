package dev.unroll.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Shrinks a failing choice sequence by passes of chunk deletion, chunk zeroing, per-value binary search toward 0
 * and value redistribution, accepting a candidate only if it still fails and its consumed choices are smaller in
 * shortlex order (shorter first, then lexicographically), which guarantees termination.
 */
final class Shrinker {

    private static final List<Integer> CHUNK_SIZES = List.of(8, 4, 2, 1);
    private static final int REDISTRIBUTION_WINDOW = 8;

    private final Function<long[], TryOutcome> rerun;
    private final int budget;
    private final Set<Long> tried = new HashSet<>();
    private TryOutcome best;
    private int runs;
    private int steps;

    Shrinker(Function<long[], TryOutcome> rerun, int budget) {
        this.rerun = rerun;
        this.budget = budget;
    }

    TryOutcome shrink(TryOutcome failing) {
        best = failing;
        long[] before;
        do {
            before = best.choices();
            CHUNK_SIZES.forEach(this::deleteChunks);
            CHUNK_SIZES.forEach(this::zeroChunks);
            minimizeValues();
            redistribute();
        } while (!Arrays.equals(before, best.choices()) && runs < budget);
        return best;
    }

    int steps() {
        return steps;
    }

    int runs() {
        return runs;
    }

    private void deleteChunks(int size) {
        // Walking backwards keeps the indices of not-yet-visited chunks stable after a successful deletion.
        for (int i = best.choices().length - size; i >= 0; i--) {
            long[] current = best.choices();
            long[] candidate = new long[current.length - size];
            System.arraycopy(current, 0, candidate, 0, i);
            System.arraycopy(current, i + size, candidate, i, current.length - i - size);
            if (accept(candidate)) {
                i = Math.min(i + 1, best.choices().length - size + 1);
            }
        }
    }

    private void zeroChunks(int size) {
        for (int i = 0; i + size <= best.choices().length; i++) {
            long[] candidate = best.choices().clone();
            Arrays.fill(candidate, i, i + size, 0);
            accept(candidate);
        }
    }

    private void minimizeValues() {
        for (int i = 0; i < best.choices().length; i++) {
            long value = best.choices()[i];
            if (value == 0 || replace(i, 0)) {
                continue;
            }
            // Invariant: lo passed (or was rejected), hi is known to fail.
            long lo = 0;
            long hi = value;
            while (lo + 1 < hi && i < best.choices().length && runs < budget) {
                long mid = lo + (hi - lo) / 2;
                if (replace(i, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }
    }

    private void redistribute() {
        for (int i = 0; i < best.choices().length; i++) {
            for (int j = i + 1; j < Math.min(best.choices().length, i + 1 + REDISTRIBUTION_WINDOW); j++) {
                long[] candidate = best.choices().clone();
                if (candidate[i] == 0) {
                    break;
                }
                // Moving a value later is lexicographically smaller; it lets sums concentrate in one element.
                long moved = candidate[j] + candidate[i];
                candidate[j] = moved < 0 ? Long.MAX_VALUE : moved;
                candidate[i] = 0;
                accept(candidate);
            }
        }
    }

    private boolean replace(int index, long value) {
        long[] candidate = best.choices().clone();
        candidate[index] = value;
        return accept(candidate);
    }

    private boolean accept(long[] candidate) {
        if (runs >= budget || !tried.add(fingerprint(candidate))) {
            return false;
        }
        runs++;
        TryOutcome outcome = rerun.apply(candidate);
        if (outcome.failed() && shortlexLess(outcome.choices(), best.choices())) {
            best = outcome;
            steps++;
            return true;
        }
        return false;
    }

    static boolean shortlexLess(long[] a, long[] b) {
        return a.length != b.length ? a.length < b.length : Arrays.compare(a, b) < 0;
    }

    /** A 64-bit hash standing in for the sequence: storing every candidate could take hundreds of megabytes. */
    private static long fingerprint(long[] choices) {
        long h = Seeds.mix64(choices.length);
        for (long choice : choices) {
            h = Seeds.mix64(h ^ choice) + 0x9E3779B97F4A7C15L;
        }
        return h;
    }
}
