package dev.unroll.runtime.data;

import dev.unroll.dsl.core.Require;
import dev.unroll.dsl.core.UnrollException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Training and validation examples, each in file order.
 *
 * @param training the examples to train on
 * @param validation the held-out examples (empty for none)
 */
public record Split(List<RawExample> training, List<RawExample> validation) {

    public Split {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
    }

    /**
     * Holds out {@code round(fraction · n)} examples chosen from {@code seed}; a fraction of 0 holds out none.
     * Fails when either side would be empty, naming the count and what to change.
     */
    public static Split holdOut(List<RawExample> examples, double fraction, long seed) {
        Require.noNulls(examples, "Split.holdOut", "examples");
        if (!(fraction >= 0 && fraction < 1)) {
            throw new UnrollException("the validation fraction must be in [0, 1), got " + fraction);
        }
        int n = examples.size();
        int held = (int) Math.round(fraction * n);
        if (fraction > 0 && (held == 0 || held == n)) {
            throw new UnrollException("--validation " + fraction + " of " + n + " examples leaves " + (held == 0
                    ? "no validation example" : "no training example") + "; give more examples, another fraction,"
                    + " or --validation-data FILE");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        boolean[] isHeld = new boolean[n];
        for (int i = 0; i < held; i++) {
            isHeld[order.get(i)] = true;
        }
        List<RawExample> training = new ArrayList<>();
        List<RawExample> validation = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (isHeld[i] ? validation : training).add(examples.get(i));
        }
        return new Split(training, validation);
    }
}
