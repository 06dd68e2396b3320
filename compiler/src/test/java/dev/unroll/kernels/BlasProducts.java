package dev.unroll.kernels;

/** The three products of {@link Blas}, each run on the plain path and on the vector path, for the property tests. */
enum BlasProducts {
    /** {@code A[m×k] · B[k×n]}. */
    NN,
    /** {@code A[m×k] · B[n×k]ᵀ}. */
    NT,
    /** {@code A[k×m]ᵀ · B[k×n]}. */
    TN;

    /** Index of element (i, p) of the first operand, relative to its offset. */
    int a(int i, int p, int m, int k) {
        return switch (this) {
            case NN, NT -> i * k + p;
            case TN -> p * m + i;
        };
    }

    /** Index of element (p, j) of the second operand, relative to its offset. */
    int b(int p, int j, int k, int n) {
        return switch (this) {
            case NN, TN -> p * n + j;
            case NT -> j * k + p;
        };
    }

    void plain(Operands<double[]> x, double[] c) {
        BlasPropertyTest.Shape s = x.shape();
        int o = s.offset();
        switch (this) {
            case NN -> PlainBlas.gemmNN(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case NT -> PlainBlas.gemmNT(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case TN -> PlainBlas.gemmTN(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), false, 0, s.n());
        }
    }

    void vector(Operands<double[]> x, double[] c) {
        BlasPropertyTest.Shape s = x.shape();
        int o = s.offset();
        switch (this) {
            case NN -> DoubleGemm.nn(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case NT -> DoubleGemm.nt(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case TN -> DoubleGemm.tn(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), false, 0, s.n());
        }
    }

    void plainFloat(Operands<float[]> x, float[] c) {
        BlasPropertyTest.Shape s = x.shape();
        int o = s.offset();
        switch (this) {
            case NN -> PlainBlas.gemmNN(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case NT -> PlainBlas.gemmNT(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case TN -> PlainBlas.gemmTN(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), false, 0, s.n());
        }
    }

    void vectorFloat(Operands<float[]> x, float[] c) {
        BlasPropertyTest.Shape s = x.shape();
        int o = s.offset();
        switch (this) {
            case NN -> FloatGemm.nn(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case NT -> FloatGemm.nt(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), 0, s.n());
            case TN -> FloatGemm.tn(x.a(), o, x.b(), o, c, o, s.m(), s.k(), s.n(), false, 0, s.n());
        }
    }
}
