package dev.unroll.runtime.train;

import dev.unroll.dsl.core.UnrollException;

/**
 * The learning rate of each epoch, from the base rate: constant, multiplied by a factor every few epochs (as
 * PyTorch's {@code StepLR}), or annealed along a half cosine to 0 over the run (as PyTorch's {@code
 * CosineAnnealingLR} with {@code eta_min = 0} and {@code T_max} the number of epochs). A rate depends only on the
 * epoch, so a resumed run continues the same schedule.
 */
public sealed interface LrSchedule {

    /** The same rate every epoch. */
    record Constant() implements LrSchedule {
    }

    /** The rate times {@code factor} after every {@code every} epochs. */
    record Step(int every, double factor) implements LrSchedule {
        public Step {
            if (every < 1 || !(factor > 0) || Double.isInfinite(factor)) {
                throw new UnrollException("a step schedule needs every ≥ 1 epoch and a finite factor > 0, got every "
                        + every + " and factor " + factor + "; write step:EVERY:FACTOR, e.g. step:10:0.5");
            }
        }
    }

    /** A half cosine from the base rate at the first epoch towards 0 after the last. */
    record Cosine() implements LrSchedule {
    }

    /** The rate of epoch {@code epoch} (from 0) of {@code epochs}, starting from {@code base}. */
    default double rate(double base, int epoch, int epochs) {
        if (this instanceof Step s) {
            return base * Math.pow(s.factor(), epoch / s.every());
        }
        if (this instanceof Cosine) {
            return base * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
        }
        return base;
    }

    /** Parses {@code constant}, {@code step:EVERY:FACTOR} or {@code cosine}. */
    static LrSchedule parse(String text) {
        String[] parts = text.split(":", -1);
        try {
            return switch (parts[0]) {
                case "constant" -> parts.length == 1 ? new Constant() : bad(text);
                case "cosine" -> parts.length == 1 ? new Cosine() : bad(text);
                case "step" -> parts.length == 3 ? new Step(Integer.parseInt(parts[1]),
                        Double.parseDouble(parts[2])) : bad(text);
                default -> bad(text);
            };
        } catch (NumberFormatException e) {
            return bad(text);
        }
    }

    /** The schedule as {@link #parse} reads it. */
    default String text() {
        if (this instanceof Step s) {
            return "step:" + s.every() + ":" + s.factor();
        }
        return this instanceof Cosine ? "cosine" : "constant";
    }

    private static LrSchedule bad(String text) {
        throw new UnrollException("--lr-schedule must be constant, step:EVERY:FACTOR (EVERY ≥ 1 epochs, FACTOR > 0)"
                + " or cosine, got '" + text + "'");
    }
}
