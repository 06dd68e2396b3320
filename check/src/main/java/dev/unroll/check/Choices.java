package dev.unroll.check;

/**
 * The recorded stream of random choices a {@link Gen} draws from; every value a generator produces is a
 * deterministic function of the choices it drew, which is what lets the engine shrink any generator.
 *
 * <p>While a property is being tried, choices come from a seeded random source and are recorded. While a
 * counterexample is being shrunk, the engine replays a simplified recording: each draw returns the recorded
 * value clamped into the requested range, and draws past the end of the recording return {@code 0}. Smaller
 * recorded values must therefore mean "simpler" values, and {@code 0} the simplest.
 */
public interface Choices {

    /**
     * Draws a value uniformly from {@code [0, maxInclusive]}; when replaying, returns the recorded value clamped
     * into that range.
     *
     * @throws IllegalArgumentException if {@code maxInclusive} is negative
     */
    long draw(long maxInclusive);

    /**
     * Draws like {@link #draw(long)}, but while generating returns one of the {@code favoured} values (those
     * within range) with elevated probability; this is how generators bias toward edge cases. Replays ignore the
     * bias, so edge cases shrink like any other value.
     */
    long drawBiased(long maxInclusive, long... favoured);

    /** Draws a double in {@code [0, 1)} from a single choice, so that shrinking moves it toward {@code 0}. */
    default double unitDouble() {
        return draw((1L << 53) - 1) * 0x1.0p-53;
    }
}
