package dev.unroll.runtime.checkpoint;

import dev.unroll.dsl.core.UnrollException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One-dimensional NumPy unicode arrays ({@code <U<n>}): every element is {@code n} UTF-32 little-endian code
 * points, the shorter ones padded with NUL, as {@code numpy.array(["a", "bc"])} stores them. This is how an
 * {@code .npz} carries text, such as a vocabulary, that {@code numpy.load(file, allow_pickle=False)} can read.
 */
final class NpyText {

    private NpyText() {
    }

    /** The element type of {@code values}: {@code <U} and the most code points of one element (at least 1). */
    static String descr(List<String> values) {
        return "<U" + width(values);
    }

    /** The data of {@code values}, each padded with NUL to the width of {@link #descr}. */
    static byte[] data(List<String> values, String where) {
        int width = width(values);
        ByteBuffer out = ByteBuffer.allocate(values.size() * width * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.endsWith("\0")) {
                // NumPy strips trailing NULs when it reads an element, so the text would not come back as written.
                throw new UnrollException("Npz: text array '" + where + "' element " + i + " ends with the NUL"
                        + " character, which a NumPy unicode array cannot keep; remove it");
            }
            int start = out.position();
            value.codePoints().forEach(out::putInt);
            out.position(start + width * Integer.BYTES);
        }
        return out.array();
    }

    /** The {@code count} elements of {@code width} code points each in {@code in}, trailing NULs stripped. */
    static List<String> values(ByteBuffer in, int width, int count, String where) {
        if ((long) count * width * Integer.BYTES != in.remaining()) {
            throw new UnrollException(where + ": its shape needs " + (long) count * width * Integer.BYTES
                    + " bytes of text, but " + in.remaining() + " follow the header");
        }
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder element = new StringBuilder();
            for (int k = 0; k < width; k++) {
                int codePoint = in.getInt();
                if (!Character.isValidCodePoint(codePoint)) {
                    throw new UnrollException(where + ": element " + i + " holds " + Integer.toUnsignedString(
                            codePoint, 16) + ", which is not a Unicode code point; save the text with NumPy");
                }
                element.appendCodePoint(codePoint);
            }
            int end = element.length();
            while (end > 0 && element.charAt(end - 1) == '\0') {
                end--;
            }
            out.add(element.substring(0, end));
        }
        return out;
    }

    private static int width(List<String> values) {
        return Math.max(1, values.stream().mapToInt(v -> v.codePointCount(0, v.length())).max().orElse(1));
    }
}
