package dev.unroll.compiler.passes.schedule;

/** Where the items of a {@link Scheduled} program run, relative to the two time loops of a kernel. */
public enum Region {
    /** Once per forward pass, before the forward loop: over all steps' rows, or step by step. */
    BEFORE_FORWARD("before the forward loop"),
    /** In the forward loop, for step t = 0 … T−1. */
    FORWARD_STEP("forward step t"),
    /** Once per backward pass, before the backward loop. */
    BEFORE_BACKWARD("before the backward loop"),
    /** In the backward loop, for step t = T−1 … 0. */
    BACKWARD_STEP("backward step t"),
    /** Once per backward pass, after the backward loop: sums over all steps. */
    AFTER_BACKWARD("after the backward loop");

    private final String title;

    Region(String title) {
        this.title = title;
    }

    /** The heading of the region in a listing. */
    public String title() {
        return title;
    }
}
