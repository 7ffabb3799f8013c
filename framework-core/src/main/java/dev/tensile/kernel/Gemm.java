package dev.tensile.kernel;

/**
 * General matrix multiply on row-major float32 arrays:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where op(X) is X or its transpose.
 *
 * <p>op(A) is m x k, op(B) is k x n and C is m x n. {@code lda}, {@code ldb} and {@code ldc} are the row
 * strides of A, B and C as stored (so for a transposed A stored k x m, lda is at least m). With beta = 0
 * the old contents of C are ignored, even NaN; with beta = 1 the product is accumulated into C.
 * Empty shapes (m, n or k = 0) are legal; k = 0 scales C by beta.
 */
public interface Gemm {

    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float alpha, float[] a, int aOffset, int lda,
              float[] b, int bOffset, int ldb,
              float beta, float[] c, int cOffset, int ldc);

    /**
     * {@link #gemm} for operands that already sit in cache (a chunk of conv2d's unfolded images, its output
     * gradient), called from a task on the compute pool: an implementation may run it on the calling thread and read
     * A where it lies instead of packing it, which for such operands cost as much time as the multiply-adds. The
     * same bits as {@link #gemm}. By default, gemm.
     */
    default void gemmInCache(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOffset, int lda,
                             float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /** A short name for logs and provenance, e.g. {@code scalar} or {@code panama-avx2}. */
    String name();
}
