package dev.tensile.kernel;

/**
 * The test oracle: the textbook triple loop in double precision, obviously correct and slow. Besides the
 * result it returns, per element of C, the scale {@code |alpha| * sum |a||b| + |beta * c|} that rounding
 * errors of a float32 GEMM are proportional to.
 */
final class ReferenceGemm {
    private ReferenceGemm() {
    }

    static double at(float[] x, int offset, int ld, boolean trans, int row, int col) {
        return trans ? x[offset + col * ld + row] : x[offset + row * ld + col];
    }

    /** Returns {expected, scale}, each m x n, row-major, dense. */
    static double[][] gemm(boolean transA, boolean transB, int m, int n, int k,
                           float alpha, float[] a, int aOffset, int lda,
                           float[] b, int bOffset, int ldb,
                           float beta, float[] c, int cOffset, int ldc) {
        double[] expected = new double[m * n];
        double[] scale = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double prod = at(a, aOffset, lda, transA, i, p) * at(b, bOffset, ldb, transB, p, j);
                    sum += prod;
                    abs += Math.abs(prod);
                }
                double old = beta == 0f ? 0 : beta * (double) c[cOffset + i * ldc + j];
                // BLAS convention: alpha = 0 (or k = 0) does not read A and B at all.
                double product = alpha == 0f ? 0 : alpha * sum;
                expected[i * n + j] = product + old;
                scale[i * n + j] = Math.abs(alpha) * abs + Math.abs(old);
            }
        }
        return new double[][] {expected, scale};
    }
}
