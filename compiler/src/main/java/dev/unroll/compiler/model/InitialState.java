package dev.unroll.compiler.model;

/** Where the states come from at the start of a sequence when the caller supplies none. */
public enum InitialState {
    /** Zeros. */
    ZEROS,
    /** A learned row per state ({@code <state>__init : [1×n]}), repeated for every batch row. */
    LEARNED
}
