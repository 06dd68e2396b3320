package dev.unroll.kernels;

/** The floating-point type a kernel computes in: its buffers and hot loops use this type throughout. */
public enum Dtype {
    /** Single precision ({@code float}): half the memory and bandwidth, about 7 significant digits. */
    FLOAT32,
    /** Double precision ({@code double}): the interpreter's precision, about 16 significant digits. */
    FLOAT64
}
