package dev.unroll.spark.parallel;

import dev.unroll.dsl.core.UnrollException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A value and arrays of doubles as a text message, because {@code allGather} carries strings: Base64 of the raw
 * IEEE 754 bytes, so that the receiver reads back every bit.
 */
final class DoubleMessage {

    private DoubleMessage() {
    }

    /** The number of doubles a message of {@code arrays} and one value holds. */
    static long doubles(double[][] arrays) {
        long n = 1;
        for (double[] a : arrays) {
            n += a.length;
        }
        return n;
    }

    /** {@code value}, then every element of {@code arrays} in order, as Base64. */
    static String encode(double value, double[][] arrays) {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(doubles(arrays) * Double.BYTES));
        bytes.putDouble(value);
        for (double[] a : arrays) {
            bytes.asDoubleBuffer().put(a);
            bytes.position(bytes.position() + a.length * Double.BYTES);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /**
     * Decodes {@code message} from worker {@code from}; with {@code add} adds its arrays into {@code arrays}, else
     * overwrites them. Returns its value.
     */
    static double decodeInto(String message, int from, double[][] arrays, boolean add) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(message));
        if (bytes.remaining() != doubles(arrays) * Double.BYTES) {
            throw new UnrollException("the message of data-parallel worker " + from + " holds "
                    + bytes.remaining() / Double.BYTES + " values, but this worker exchanges " + doubles(arrays)
                    + "; every worker must train the same model (same --cell, --hidden, --layers and corpus)");
        }
        double value = bytes.getDouble();
        for (double[] a : arrays) {
            for (int j = 0; j < a.length; j++) {
                a[j] = add ? a[j] + bytes.getDouble() : bytes.getDouble();
            }
        }
        return value;
    }
}
