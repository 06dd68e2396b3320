package dev.unroll.kernels;

import java.util.Arrays;

/**
 * A view of one of a generated kernel's primitive buffers through which {@link AbstractKernel} copies values in and
 * out as doubles, converting at this boundary only; part of the contract between generated code and the runtime.
 */
public abstract sealed class Store permits Store.Doubles, Store.Floats {

    private Store() {
    }

    /** A view of a float64 buffer. */
    public static Store of(double[] buffer) {
        return new Doubles(buffer);
    }

    /** A view of a float32 buffer. */
    public static Store of(float[] buffer) {
        return new Floats(buffer);
    }

    /** The buffer's length. */
    public abstract int length();

    /** Copies {@code length} values from {@code src[0..length)} to {@code [offset, offset + length)}. */
    abstract void write(int offset, double[] src, int length);

    /** Copies {@code length} values from {@code [offset, offset + length)} to {@code dst[0..length)}. */
    abstract void read(int offset, double[] dst, int length);

    /** Copies {@code length} values within the buffer, from {@code from} to {@code to}. */
    abstract void move(int from, int to, int length);

    /** Sets {@code [offset, offset + length)} to zero. */
    abstract void clear(int offset, int length);

    /** A float64 buffer. */
    static final class Doubles extends Store {
        private final double[] buffer;

        Doubles(double[] buffer) {
            this.buffer = buffer;
        }

        @Override
        public int length() {
            return buffer.length;
        }

        @Override
        void write(int offset, double[] src, int length) {
            System.arraycopy(src, 0, buffer, offset, length);
        }

        @Override
        void read(int offset, double[] dst, int length) {
            System.arraycopy(buffer, offset, dst, 0, length);
        }

        @Override
        void move(int from, int to, int length) {
            System.arraycopy(buffer, from, buffer, to, length);
        }

        @Override
        void clear(int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, 0.0);
        }
    }

    /** A float32 buffer; values are rounded to float on the way in and widened on the way out. */
    static final class Floats extends Store {
        private final float[] buffer;

        Floats(float[] buffer) {
            this.buffer = buffer;
        }

        @Override
        public int length() {
            return buffer.length;
        }

        @Override
        void write(int offset, double[] src, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = (float) src[i];
            }
        }

        @Override
        void read(int offset, double[] dst, int length) {
            for (int i = 0; i < length; i++) {
                dst[i] = buffer[offset + i];
            }
        }

        @Override
        void move(int from, int to, int length) {
            System.arraycopy(buffer, from, buffer, to, length);
        }

        @Override
        void clear(int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, 0.0f);
        }
    }
}
