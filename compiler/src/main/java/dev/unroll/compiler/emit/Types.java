package dev.unroll.compiler.emit;

import com.palantir.javapoet.ClassName;
import dev.unroll.kernels.AbstractKernel;
import dev.unroll.kernels.ArrayMath;
import dev.unroll.kernels.Blas;
import dev.unroll.kernels.Dtype;
import dev.unroll.kernels.Elementwise;
import dev.unroll.kernels.KernelSpec;
import dev.unroll.kernels.RandomMasks;
import dev.unroll.kernels.RowMath;
import dev.unroll.kernels.Scalar;
import dev.unroll.kernels.SparseRows;
import dev.unroll.kernels.Store;
import dev.unroll.kernels.TeamBlas;
import java.util.Arrays;
import java.util.List;

/** The types generated code refers to; their simple names are reserved so no generated field can hide them. */
final class Types {

    static final ClassName ABSTRACT_KERNEL = ClassName.get(AbstractKernel.class);
    static final ClassName BLAS = ClassName.get(Blas.class);
    static final ClassName TEAM_BLAS = ClassName.get(TeamBlas.class);
    static final ClassName ARRAY_MATH = ClassName.get(ArrayMath.class);
    static final ClassName ROW_MATH = ClassName.get(RowMath.class);
    static final ClassName ELEMENTWISE = ClassName.get(Elementwise.class);
    static final ClassName SPARSE_ROWS = ClassName.get(SparseRows.class);
    static final ClassName RANDOM_MASKS = ClassName.get(RandomMasks.class);
    static final ClassName SCALAR = ClassName.get(Scalar.class);
    static final ClassName STORE = ClassName.get(Store.class);
    static final ClassName SPEC = ClassName.get(KernelSpec.class);
    static final ClassName SLOT = ClassName.get(KernelSpec.Slot.class);
    static final ClassName DTYPE = ClassName.get(Dtype.class);
    static final ClassName ARRAYS = ClassName.get(Arrays.class);
    static final ClassName LIST = ClassName.get(List.class);
    static final ClassName MATH = ClassName.get(Math.class);
    static final ClassName SYSTEM = ClassName.get(System.class);
    static final ClassName OVERRIDE = ClassName.get(Override.class);
    static final ClassName DOUBLE = ClassName.get(Double.class);
    static final ClassName FLOAT = ClassName.get(Float.class);

    /** Every simple name generated code may write unqualified, plus the roots of qualified names. */
    static final List<String> RESERVED = List.of(
            ABSTRACT_KERNEL.simpleName(), BLAS.simpleName(), TEAM_BLAS.simpleName(), ARRAY_MATH.simpleName(), ROW_MATH.simpleName(), ELEMENTWISE.simpleName(),
            SPARSE_ROWS.simpleName(), RANDOM_MASKS.simpleName(),
            SCALAR.simpleName(), STORE.simpleName(), SPEC.simpleName(), SLOT.simpleName(), DTYPE.simpleName(),
            ARRAYS.simpleName(), LIST.simpleName(),
            MATH.simpleName(), SYSTEM.simpleName(), OVERRIDE.simpleName(), DOUBLE.simpleName(), FLOAT.simpleName(),
            "Object", "String", "java", "javax", "dev");

    /** The methods a generated kernel overrides or calls on {@link AbstractKernel}, by their fixed names. */
    static final List<String> INHERITED_METHODS = List.of(
            "runForward", "runBackward", "bindInput", "bindState", "bindParameter", "bindOutput",
            "bindSeed", "noiseStream", "noiseFirstRow", "training");

    private Types() {
    }
}
