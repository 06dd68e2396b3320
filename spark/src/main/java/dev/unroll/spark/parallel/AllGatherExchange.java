package dev.unroll.spark.parallel;

import dev.unroll.runtime.train.Exchange;

/**
 * The {@link Exchange} of a Spark barrier task: every worker sends its values to all through {@code allGather}, then
 * each adds the messages up in partition order, so every worker holds the same sum. It counts the payload it
 * sends: 8 bytes per value (the Base64 text on the wire is a third larger).
 */
final class AllGatherExchange implements Exchange {

    /** One round of messages, one per worker, ordered by partition: {@code BarrierTaskContext.allGather}. */
    @FunctionalInterface
    interface Gather {
        String[] allGather(String message);
    }

    private final Gather gather;
    private final int workers;
    private long rounds;
    private long bytesSent;
    private long largestMessage;
    private long gatherNanos;

    /** The exchange among {@code workers} workers through {@code gather}; one worker has nobody to exchange with. */
    AllGatherExchange(Gather gather, int workers) {
        this.gather = gather;
        this.workers = workers;
    }

    @Override
    public double sum(double value, double[][] arrays) {
        if (workers == 1) {
            return value;
        }
        String message = DoubleMessage.encode(value, arrays);
        long start = System.nanoTime();
        String[] messages = gather.allGather(message);
        gatherNanos += System.nanoTime() - start;
        long bytes = DoubleMessage.doubles(arrays) * Double.BYTES;
        rounds++;
        bytesSent += bytes;
        largestMessage = Math.max(largestMessage, bytes);
        double sum = DoubleMessage.decodeInto(messages[0], 0, arrays, false);
        for (int q = 1; q < messages.length; q++) {
            sum += DoubleMessage.decodeInto(messages[q], q, arrays, true);
        }
        return sum;
    }

    /** The rounds of exchange so far. */
    long rounds() {
        return rounds;
    }

    /** The time this worker spent in {@code allGather}, waiting for the others and for the messages. */
    double gatherSeconds() {
        return gatherNanos / 1e9;
    }

    /** The payload of this worker's largest message: a step's loss and gradients, 8 bytes per value. */
    long largestMessage() {
        return largestMessage;
    }

    /** The payload this worker sent so far, in bytes; each round every worker receives all workers' payloads. */
    long bytesSent() {
        return bytesSent;
    }
}
