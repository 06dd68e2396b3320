/**
 * The gradient-check kit: central finite differences with a per-variable report, a check along a random direction,
 * an independent forward-mode oracle (commons-math3 {@code DerivativeStructure}), a one-call check of a cell's
 * BPTT gradients, and generators of random cells and data for the {@code check} engine ({@link
 * dev.unroll.compiler.gradcheck.CellGens}, which needs {@code unroll-check} on the classpath).
 */
package dev.unroll.compiler.gradcheck;
