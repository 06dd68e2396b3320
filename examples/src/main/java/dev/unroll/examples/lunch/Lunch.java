package dev.unroll.examples.lunch;

import dev.unroll.dsl.core.UnrollException;
import java.io.PrintStream;

/** Runs the lunch experiment on both variants of the record and prints the table. */
public final class Lunch {

    /** The shortest training record: one window of days plus one, so that windows can start anywhere in it. */
    public static final int MIN_DAYS = LunchExperiment.WINDOW + 1;

    private Lunch() {
    }

    /**
     * Trains every model kind on both record variants and prints accuracy beside the best achievable; needs at
     * least {@link #MIN_DAYS} days and one training iteration.
     */
    public static void run(PrintStream out, int days, int iterations, long seed, int show) {
        if (days < MIN_DAYS || iterations < 1) {
            throw new UnrollException("the lunch experiment needs at least " + MIN_DAYS + " days and 1 training"
                    + " iteration, got " + days + " days and " + iterations + " iterations");
        }
        for (boolean plans : new boolean[] {false, true}) {
            EatingRecord train = EatingRecord.generate(days, plans, seed);
            EatingRecord test = EatingRecord.generate(Math.max(days / 4, 2000), plans, seed + 1);
            out.println(plans ? "\nVariant: some lunches are planned, and the day before a plan avoids the planned meal"
                    : "Variant: today's lunch follows from the last two days' lunches");
            for (int d = 0; d < Math.min(show, train.days()); d++) {
                out.println("  " + train.entry(d));
            }
            out.printf("  %-20s %10s %10s %10s%n", "model", "accuracy", "best", "time");
            for (LunchExperiment.Kind kind : LunchExperiment.Kind.values()) {
                LunchExperiment.Result r = LunchExperiment.run(kind, train, test, iterations, seed);
                out.printf("  %-20s %9.1f%% %9.1f%% %9.1fs%n", kind.label, 100 * r.accuracy(),
                        100 * EatingRecord.bestAccuracy(plans), r.seconds());
            }
        }
    }
}
