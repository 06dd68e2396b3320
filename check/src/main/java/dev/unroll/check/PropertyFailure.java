package dev.unroll.check;

/**
 * A property failed: reports the seed, the try, the original and the shrunk counterexample, the shrink steps and
 * how to replay the run; its cause is what the shrunk counterexample threw.
 */
public final class PropertyFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final String propertyName;
    private final long seed;
    private final int tryNumber;
    private final String original;
    private final String shrunk;
    private final int shrinkSteps;

    PropertyFailure(String propertyName, long seed, int tryNumber, int plannedTries, String original, String shrunk,
                    int shrinkSteps, int shrinkRuns, Throwable cause) {
        super(message(propertyName, seed, tryNumber, plannedTries, original, shrunk, shrinkSteps, shrinkRuns, cause),
                cause);
        this.propertyName = propertyName;
        this.seed = seed;
        this.tryNumber = tryNumber;
        this.original = original;
        this.shrunk = shrunk;
        this.shrinkSteps = shrinkSteps;
    }

    /** The property name, or {@code null} if the property was not named. */
    public String propertyName() {
        return propertyName;
    }

    /** The seed of the failing run. */
    public long seed() {
        return seed;
    }

    /** The 1-based number of the failing try, counting rejected tries. */
    public int tryNumber() {
        return tryNumber;
    }

    /** The first counterexample found, as printed in the report. */
    public String original() {
        return original;
    }

    /** The shrunk counterexample, as printed in the report. */
    public String shrunk() {
        return shrunk;
    }

    /** How many shrink steps succeeded in getting from the original to the shrunk counterexample. */
    public int shrinkSteps() {
        return shrinkSteps;
    }

    private static String message(String name, long seed, int tryNumber, int plannedTries, String original,
                                  String shrunk, int steps, int runs, Throwable cause) {
        String title = name == null ? "Property" : "Property '" + name + "'";
        return title + " failed on try " + tryNumber + " of " + plannedTries + " (seed " + seed + ")."
                + "\n  Original counterexample: " + original
                + "\n  Shrunk counterexample:   " + shrunk
                + "\n  Shrink steps:            " + steps + " (" + runs + " reruns)"
                + "\n  Shrunk failure:          " + cause
                + "\n  To replay exactly these cases, rerun with @Property(seed = \"" + seed + "\"), with "
                + "PropertyRunner.forAll(...).seed(" + seed + "L), or with -D" + CheckConfig.SEED_KEY + "=" + seed;
    }
}
