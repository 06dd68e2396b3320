package dev.unroll.runtime.train;

/**
 * Sums values across the processes of a data-parallel run ({@link DataParallel}), adding the processes' values in
 * their order (process 0, 1, …) so that every process gets the same sum to the last bit.
 */
@FunctionalInterface
public interface Exchange {

    /**
     * Returns the sum over every process of {@code value} and replaces each element of {@code arrays} by its sum
     * over every process, both added in process order. Every process calls it at the same point of training with
     * arrays of the same shapes; the arrays are live stores (gradients, parameters) to write into, never replace.
     */
    double sum(double value, double[][] arrays);

    /** The exchange of a run of one process, whose values already are the sums: it changes nothing. */
    static Exchange identity() {
        return (value, arrays) -> value;
    }
}
