package dev.unroll.check;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The engine's {@link Choices}: draws from a random source (generating) or from a prefix (replaying while
 * shrinking), and records every value it hands out either way.
 */
final class RecordedChoices implements Choices {

    /** Probability that a biased draw returns one of its favoured values while generating. */
    static final double EDGE_BIAS = 0.25;

    /** Upper bound on draws per try, so a runaway generator fails loudly instead of exhausting memory. */
    static final int MAX_DRAWS = 1_000_000;

    private final SplittableRandom random;
    private final long[] prefix;
    private long[] recorded = new long[16];
    private int size;

    private RecordedChoices(SplittableRandom random, long[] prefix) {
        this.random = random;
        this.prefix = prefix;
    }

    static RecordedChoices generating(long seed, int tryIndex) {
        return new RecordedChoices(Seeds.forTry(seed, tryIndex), new long[0]);
    }

    static RecordedChoices replaying(long[] prefix) {
        return new RecordedChoices(null, prefix.clone());
    }

    @Override
    public long draw(long maxInclusive) {
        return drawBiased(maxInclusive);
    }

    @Override
    public long drawBiased(long maxInclusive, long... favoured) {
        if (maxInclusive < 0) {
            throw new IllegalArgumentException("Choices.draw needs maxInclusive >= 0, got " + maxInclusive
                    + "; a generator computed an empty range");
        }
        long value = random == null ? replay(maxInclusive) : fresh(maxInclusive, favoured);
        record(value);
        return value;
    }

    long[] recorded() {
        return Arrays.copyOf(recorded, size);
    }

    private long replay(long maxInclusive) {
        // Past the end of the prefix we answer 0, the simplest choice, so deletions still yield a complete value.
        return size < prefix.length ? Math.min(Math.max(prefix[size], 0), maxInclusive) : 0;
    }

    private long fresh(long maxInclusive, long[] favoured) {
        if (favoured.length > 0 && random.nextDouble() < EDGE_BIAS) {
            long pick = favoured[random.nextInt(favoured.length)];
            if (pick >= 0 && pick <= maxInclusive) {
                return pick;
            }
        }
        return maxInclusive == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(maxInclusive + 1);
    }

    private void record(long value) {
        if (size == MAX_DRAWS) {
            if (random == null) {
                throw new GenerationRejected("replay exceeded " + MAX_DRAWS + " draws");
            }
            throw new IllegalStateException("A generator drew more than " + MAX_DRAWS + " choices for one try; "
                    + "limit collection sizes (e.g. Gens.lists(gen, 0, 100)) or avoid unbounded recursion");
        }
        if (size == recorded.length) {
            recorded = Arrays.copyOf(recorded, Math.min(MAX_DRAWS, size * 2));
        }
        recorded[size++] = value;
    }
}
