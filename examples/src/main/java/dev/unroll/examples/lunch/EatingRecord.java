package dev.unroll.examples.lunch;

import dev.unroll.dsl.core.UnrollException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded eating record: one entry per day with the day's lunch and, in the planning variant, whether the day's
 * lunch was planned in advance (a team lunch). The rule, so that the best achievable accuracy is known:
 *
 * <ul>
 *   <li>Lunches are {@link #MEALS}, in a fixed cyclic order. On a day without a plan, lunch is the first meal after
 *       yesterday's in that order that was eaten neither yesterday nor the day before ("never the same twice in
 *       three days"), except that with probability {@link #NOISE} it is a uniformly random meal instead.</li>
 *   <li>Planning variant: each day is, with probability {@link #PLAN_RATE}, a planned day whose lunch is a uniformly
 *       random meal, eaten exactly (no noise), and recorded as planned. On the day before a planned day the plan
 *       decides instead of the last two days: lunch is the meal after the planned one in the cyclic order ("pizza
 *       tomorrow makes pizza today unlikely"), again with probability {@link #NOISE} replaced by a random meal.</li>
 * </ul>
 *
 * <p>The model reads, at day t, yesterday's lunch and whether today is a planned day with its meal; it must predict
 * today's lunch. Knowing the last two lunches (and, for the planning variant, tomorrow's plan, which only a model
 * that also reads the sequence backward can see) a predictor can be right on every planned day and on an unplanned
 * day unless noise struck: the best achievable accuracy is {@code (1 − NOISE) + NOISE/4} without plans, and
 * {@code PLAN_RATE + (1 − PLAN_RATE)·((1 − NOISE) + NOISE/4)} with them.
 */
public record EatingRecord(int[] lunch, boolean[] planned) {

    /** The meals, in the cyclic order of the rule. */
    public static final List<String> MEALS = List.of("pizza", "salad", "sushi", "soup");

    /** The probability that an unplanned lunch ignores the rule. */
    public static final double NOISE = 0.1;

    /** The share of planned days in the planning variant. */
    public static final double PLAN_RATE = 0.25;

    /** A record of {@code days} days; {@code withPlans} selects the planning variant. */
    public static EatingRecord generate(int days, boolean withPlans, long seed) {
        if (days < 3) {
            throw new UnrollException("an eating record needs at least 3 days, got " + days);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int meals = MEALS.size();
        int[] lunch = new int[days];
        boolean[] planned = new boolean[days];
        for (int d = 0; d < days; d++) {
            planned[d] = withPlans && rng.nextDouble() < PLAN_RATE;
            if (planned[d]) {
                lunch[d] = rng.nextInt(meals);
            }
        }
        for (int d = 0; d < days; d++) {
            if (planned[d]) {
                continue;
            }
            int tomorrowPlan = d + 1 < days && planned[d + 1] ? lunch[d + 1] : -1;
            int rule = tomorrowPlan >= 0 ? (tomorrowPlan + 1) % meals
                    : d < 2 ? rng.nextInt(meals) : ruleLunch(lunch[d - 1], lunch[d - 2]);
            lunch[d] = rng.nextDouble() < NOISE ? rng.nextInt(meals) : rule;
        }
        return new EatingRecord(lunch, planned);
    }

    /** The rule's lunch after {@code yesterday} and {@code dayBefore}. */
    public static int ruleLunch(int yesterday, int dayBefore) {
        int meals = MEALS.size();
        for (int step = 1; step <= meals; step++) {
            int m = (yesterday + step) % meals;
            if (m != yesterday && m != dayBefore) {
                return m;
            }
        }
        throw new IllegalStateException("no meal left; the rule excludes at most two of four");
    }

    /** The best accuracy any predictor can reach on unplanned days past the first two, and on planned days. */
    public static double bestAccuracy(boolean withPlans) {
        double unplanned = (1 - NOISE) + NOISE / MEALS.size();
        return withPlans ? PLAN_RATE + (1 - PLAN_RATE) * unplanned : unplanned;
    }

    /** The number of days. */
    public int days() {
        return lunch.length;
    }

    /**
     * The model's input features at day {@code d}: one-hot yesterday's lunch (zeros on day 0), then one-hot today's
     * planned meal (zeros on an unplanned day): {@code 2 · MEALS.size()} values.
     */
    public double[] features(int d) {
        int meals = MEALS.size();
        double[] f = new double[2 * meals];
        if (d > 0) {
            f[lunch[d - 1]] = 1;
        }
        if (planned[d]) {
            f[meals + lunch[d]] = 1;
        }
        return f;
    }

    /** One line of the record, as a diary would show it. */
    public String entry(int d) {
        return "day " + d + ": lunch " + MEALS.get(lunch[d]) + (planned[d] ? " (planned)" : "");
    }
}
