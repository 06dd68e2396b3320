package dev.unroll.check;

/** Runs the tries of one property and turns the first failure into a shrunk {@link PropertyFailure}. */
final class PropertyEngine<T> {

    /** Rejected tries allowed per planned try (and at least {@value #MIN_REJECTS} in total) before giving up. */
    static final int REJECTS_PER_TRY = 5;
    static final int MIN_REJECTS = 100;

    private final Gen<T> gen;
    private final ThrowingConsumer<? super T> property;
    private final String name;
    private final long seed;
    private final int tries;
    private final int shrinkBudget;

    PropertyEngine(Gen<T> gen, ThrowingConsumer<? super T> property, String name, long seed, int tries,
                   int shrinkBudget) {
        this.gen = gen;
        this.property = property;
        this.name = name;
        this.seed = seed;
        this.tries = tries;
        this.shrinkBudget = shrinkBudget;
    }

    CheckReport run() {
        long maxRejects = Math.max(MIN_REJECTS, (long) tries * REJECTS_PER_TRY);
        int passed = 0;
        int rejected = 0;
        for (int tryIndex = 0; passed < tries; tryIndex++) {
            TryOutcome outcome = TryOutcome.run(gen, property, RecordedChoices.generating(seed, tryIndex));
            switch (outcome.status()) {
                case PASSED -> passed++;
                case FAILED -> throw failure(outcome, tryIndex + 1);
                case REJECTED -> {
                    if (++rejected > maxRejects) {
                        throw tooManyRejects(passed, rejected, outcome.failure());
                    }
                }
                default -> throw new AssertionError("unknown status " + outcome.status());
            }
        }
        return new CheckReport(name, seed, passed, rejected);
    }

    private PropertyFailure failure(TryOutcome original, int tryNumber) {
        Shrinker shrinker = new Shrinker(
                choices -> TryOutcome.run(gen, property, RecordedChoices.replaying(choices)), shrinkBudget);
        TryOutcome shrunk = shrinker.shrink(original);
        return new PropertyFailure(name, seed, tryNumber, tries,
                TryOutcome.describe(gen, original.choices(), Values::format),
                TryOutcome.describe(gen, shrunk.choices(), Values::format),
                shrinker.steps(), shrinker.runs(), shrunk.failure());
    }

    private IllegalStateException tooManyRejects(int passed, int rejected, Throwable lastRejection) {
        String title = name == null ? "A property" : "Property '" + name + "'";
        return new IllegalStateException(title + " rejected " + rejected + " tries while only " + passed + " of "
                + tries + " passed (seed " + seed + "); at most max(" + MIN_REJECTS + ", " + REJECTS_PER_TRY
                + " x tries) rejections are allowed. Last rejection: " + lastRejection.getMessage()
                + ". Generate valid values directly (e.g. with map or narrower ranges) instead of filtering"
                + " or assuming most of them away.", lastRejection);
    }
}
