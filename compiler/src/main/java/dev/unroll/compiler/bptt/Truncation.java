package dev.unroll.compiler.bptt;

import dev.unroll.dsl.core.UnrollException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How far gradients flow back in time, as a schedule of carry factors: {@code carry[t]} multiplies the adjoint of
 * the state that flows from step {@code t} back into step {@code t−1} (for {@code t = 0}, into the initial state).
 * The forward pass always carries the state in full; only the backward flow is cut or reweighted.
 */
public sealed interface Truncation {

    /** Full BPTT: every carry factor is 1. */
    record Full() implements Truncation {
    }

    /**
     * Fixed truncation: the sequence is cut into chunks of {@code k} steps; the state is carried forward across
     * chunks but detached at each chunk boundary, so a gradient flows back at most to the start of its chunk
     * ({@code carry[t] = 0} for {@code t} a positive multiple of {@code k}). The first chunk's gradient reaches
     * the initial state.
     */
    record Fixed(int k) implements Truncation {
        public Fixed {
            if (k < 1) {
                throw new UnrollException("fixed truncation needs k ≥ 1 steps, got " + k);
            }
        }
    }

    /**
     * Randomized truncation (Tallec &amp; Ollivier 2017): each {@code carry[t]}, {@code t ≥ 1}, is an independent
     * ξ_t with {@code P(ξ_t = 1/π) = π} and {@code P(ξ_t = 0) = 1 − π}, so {@code E[ξ_t] = 1} and the gradient is
     * unbiased. The draws come from a {@link SplittableRandom} seeded per sequence, in order t = 1, 2, ….
     */
    record Randomized(double pi) implements Truncation {
        public Randomized {
            if (!(pi > 0 && pi <= 1)) {
                throw new UnrollException("randomized truncation needs 0 < π ≤ 1, got " + pi);
            }
        }
    }

    /** Full BPTT. */
    static Truncation full() {
        return new Full();
    }

    /** Fixed truncation with chunks of {@code k} steps. */
    static Truncation fixed(int k) {
        return new Fixed(k);
    }

    /** Randomized truncation with continuation probability {@code pi}. */
    static Truncation randomized(double pi) {
        return new Randomized(pi);
    }

    /**
     * The carry factors for a sequence of {@code steps} steps; {@code seed} feeds randomized truncation and is
     * ignored otherwise. Fixed truncation with {@code k > steps} is an error, never a silently skipped cut.
     */
    default double[] carry(int steps, long seed) {
        requireSteps(steps);
        return carry(steps, seed, new double[steps]);
    }

    /**
     * Writes the carry factors of {@link #carry(int, long) carry(steps, seed)} into {@code into}, which must hold
     * exactly {@code steps} values, and returns it: the same factors, without allocating, so that a training loop
     * can reuse one array from step to step.
     */
    default double[] carry(int steps, long seed, double[] into) {
        requireSteps(steps);
        if (into == null || into.length != steps) {
            throw new UnrollException("the carry factors of a sequence of T = " + steps + " steps need an array of"
                    + " exactly " + steps + " values (one per step), got " + (into == null ? "null" : into.length
                    + " values") + "; allocate new double[" + steps + "] once and reuse it");
        }
        if (this instanceof Fixed f && f.k() > steps) {
            throw new UnrollException("fixed truncation k = " + f.k() + " is longer than the sequence (T = "
                    + steps + "); use k ≤ T, or Truncation.full() for no truncation");
        }
        Arrays.fill(into, 1.0);
        if (this instanceof Fixed f) {
            for (int t = f.k(); t < steps; t += f.k()) {
                into[t] = 0.0;
            }
        } else if (this instanceof Randomized r) {
            long state = seed;
            for (int t = 1; t < steps; t++) {
                state = SplitMix.next(state);
                into[t] = SplitMix.unit(state) < r.pi() ? 1.0 / r.pi() : 0.0;
            }
        }
        return into;
    }

    private static void requireSteps(int steps) {
        if (steps < 1) {
            throw new UnrollException("a sequence needs at least 1 step, got " + steps);
        }
    }
}
