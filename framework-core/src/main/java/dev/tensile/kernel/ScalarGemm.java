package dev.tensile.kernel;

/**
 * The portable GEMM: plain Java loops, correct for every shape and layout, used when the Vector API
 * is not available. The inner loops run along contiguous rows so the JIT can auto-vectorise them.
 */
public final class ScalarGemm implements Gemm {

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            int cRow = cOffset + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[cRow + j] *= beta;
                }
            }
            if (alpha == 0f) {
                continue;
            }
            for (int p = 0; p < k; p++) {
                float aip = alpha * (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p]);
                if (aip == 0f) {
                    continue;
                }
                if (!transB) {
                    int bRow = bOffset + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                } else {
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bOffset + j * ldb + p];
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
