package dev.unroll.kernels;

/**
 * Which implementation {@link Blas} and {@link ArrayMath} run: the vector one when the {@code jdk.incubator.vector}
 * module is in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), the plain-Java
 * one otherwise. Decided once, when this class initializes; the vector classes are never loaded without the module.
 */
public final class Acceleration {

    /** The module that holds the vector API. */
    public static final String MODULE = "jdk.incubator.vector";

    /** A constant, so the JIT folds the choice away at every call site. */
    static final boolean VECTOR = ModuleLayer.boot().findModule(MODULE).isPresent();

    private Acceleration() {
    }

    /** Whether kernels run on the vector API. */
    public static boolean vectorized() {
        return VECTOR;
    }

    /** A one-line description of the path in use, for logs and benchmark reports. */
    public static String describe() {
        if (!VECTOR) {
            return "plain Java (start the JVM with --add-modules " + MODULE + " for the vector path)";
        }
        return MODULE + ", " + FloatTiles.S.vectorBitSize() + "-bit vectors (" + FloatTiles.L + " floats, "
                + DoubleTiles.L + " doubles)";
    }
}
