package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.UnrollException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the sections of a checkpoint whose header and checksum were verified, checking every count and length
 * against the bytes left, so that even a file written by a faulty writer fails with a message instead of an
 * out-of-bounds error.
 */
final class CheckpointReader {

    private final ByteBuffer buffer;
    private final int end;
    private final String where;

    CheckpointReader(byte[] bytes, int start, int end, String where) {
        this.buffer = ByteBuffer.wrap(bytes, 0, end).position(start);
        this.end = end;
        this.where = where;
    }

    /** A non-negative count of items, each at least {@code minBytes} long, that must fit in the bytes left. */
    int count(String what, int minBytes) {
        int count = readInt("number of " + what);
        if (count < 0 || count > buffer.remaining() / minBytes) {
            throw malformed("the number of " + what + " is " + count + ", but only " + buffer.remaining()
                    + " bytes remain, room for at most " + buffer.remaining() / minBytes);
        }
        return count;
    }

    String string(String what) {
        int length = readInt(what + " length");
        if (length < 0 || length > buffer.remaining()) {
            throw malformed("a " + what + " claims " + length + " bytes but only " + buffer.remaining() + " remain");
        }
        ByteBuffer slice = buffer.slice(buffer.position(), length);
        buffer.position(buffer.position() + length);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw malformed("a " + what + " is not valid UTF-8");
        }
    }

    /** An array: rank, dimensions and values, each checked against the bytes left before anything is allocated. */
    ShapedArray array(String name) {
        String shown = CheckpointFields.quote(name);
        int rank = readInt("rank of " + shown);
        if (rank < 0 || rank > buffer.remaining() / Integer.BYTES) {
            throw malformed("array " + shown + " has rank " + rank + ", but only " + buffer.remaining()
                    + " bytes remain for its dimensions");
        }
        int[] shape = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = readInt("dimension of " + shown);
            if (shape[i] < 0) {
                throw malformed("array " + shown + " has the negative dimension " + shape[i]);
            }
            // count stays <= remaining / 8 < 2^28 before the multiplication, so the product cannot overflow.
            count *= shape[i];
            if (count > buffer.remaining() / Double.BYTES) {
                throw malformed("array " + shown + " has shape " + Arrays.toString(Arrays.copyOf(shape, i + 1))
                        + (i + 1 < rank ? "..." : "") + ", which needs more than the " + buffer.remaining()
                        + " bytes that remain");
            }
        }
        double[] values = new double[(int) count];
        buffer.asDoubleBuffer().get(values);
        buffer.position(buffer.position() + values.length * Double.BYTES);
        return new ShapedArray(shape, values);
    }

    void expectEnd() {
        if (buffer.position() != end) {
            throw malformed((end - buffer.position()) + " unexplained bytes follow the vocabulary");
        }
    }

    private int readInt(String what) {
        if (buffer.remaining() < Integer.BYTES) {
            throw malformed("the file ends inside the " + what);
        }
        return buffer.getInt();
    }

    UnrollException malformed(String problem) {
        return Problems.corrupted(where, "its checksum is right but its contents are malformed at byte offset "
                + buffer.position() + ": " + problem + " (was it written by a faulty tool?)");
    }
}
