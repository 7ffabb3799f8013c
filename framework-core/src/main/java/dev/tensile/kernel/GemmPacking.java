package dev.tensile.kernel;

/**
 * Packing for {@link BlockedGemm}: copies a block of op(A) or a panel of op(B) into the order the
 * micro-kernel reads, absorbing the transposes and padding edge micro-panels with zeros.
 *
 * <p>Packed A: for each micro-panel of mr rows, kb steps of mr values (row r of the panel at offset r).
 * Packed B: for each micro-panel of nr columns, kb steps of nr values (micro-panel jr at jr * kb).
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /** Rows [ic, ic + mb) and depth [pc, pc + kb) of op(A), A stored k x m when {@code transposed}. */
    static void packA(boolean transposed, int mr, float[] a, int aOffset, int lda, int ic, int mb, int pc, int kb,
                      float[] ap) {
        if (transposed) {
            packATransposed(mr, a, aOffset, lda, ic, mb, pc, kb, ap);
        } else {
            packA(mr, a, aOffset, lda, ic, mb, pc, kb, ap);
        }
    }

    /** Depth [pc, pc + kb) and columns [jc, jc + nb) of op(B), B stored n x k when {@code transposed}. */
    static void packB(boolean transposed, int nr, float[] b, int bOffset, int ldb, int pc, int kb, int jc, int nb,
                      float[] bp, int bpOff) {
        if (transposed) {
            packBTransposed(nr, b, bOffset, ldb, pc, kb, jc, nb, bp, bpOff);
        } else {
            packB(nr, b, bOffset, ldb, pc, kb, jc, nb, bp, bpOff);
        }
    }

    // Packed A: for each micro-panel of mr rows, kb steps of mr values (row r of the panel at offset r).
    static void packA(int mr, float[] a, int aOffset, int lda, int ic, int mb, int pc, int kb, float[] ap) {
        for (int ir = 0; ir < mb; ir += mr) {
            int rows = Math.min(mr, mb - ir);
            int base = ir * kb;
            int r = 0;
            // Six rows at a time where the tile has a multiple of six (6 x 16 and 12 x 32), else four: each depth
            // step then writes 24 (or 16) contiguous bytes instead of 4. Six against four: up to 2% faster at
            // n = 1024 on 256-bit vectors, level on 512-bit (benchmarks/README.md).
            if (mr % 6 == 0) {
                for (; r + 6 <= rows; r += 6) {
                    int s0 = aOffset + (ic + ir + r) * lda + pc;
                    int s1 = s0 + lda;
                    int s2 = s1 + lda;
                    int s3 = s2 + lda;
                    int s4 = s3 + lda;
                    int s5 = s4 + lda;
                    int dst = base + r;
                    for (int p = 0; p < kb; p++) {
                        int d = dst + p * mr;
                        ap[d] = a[s0 + p];
                        ap[d + 1] = a[s1 + p];
                        ap[d + 2] = a[s2 + p];
                        ap[d + 3] = a[s3 + p];
                        ap[d + 4] = a[s4 + p];
                        ap[d + 5] = a[s5 + p];
                    }
                }
            }
            for (; r + 4 <= rows; r += 4) {
                int s0 = aOffset + (ic + ir + r) * lda + pc;
                int s1 = s0 + lda;
                int s2 = s1 + lda;
                int s3 = s2 + lda;
                int dst = base + r;
                for (int p = 0; p < kb; p++) {
                    int d = dst + p * mr;
                    ap[d] = a[s0 + p];
                    ap[d + 1] = a[s1 + p];
                    ap[d + 2] = a[s2 + p];
                    ap[d + 3] = a[s3 + p];
                }
            }
            for (; r < rows; r++) {
                int src = aOffset + (ic + ir + r) * lda + pc;
                int dst = base + r;
                for (int p = 0; p < kb; p++) {
                    ap[dst + p * mr] = a[src + p];
                }
            }
            for (r = rows; r < mr; r++) {
                for (int p = 0; p < kb; p++) {
                    ap[base + r + p * mr] = 0f;
                }
            }
        }
    }

    // A is stored k x m: read each row of it once, front to back, dealing mr values to each micro-panel.
    static void packATransposed(int mr, float[] a, int aOffset, int lda, int ic, int mb, int pc, int kb, float[] ap) {
        int full = mb / mr * mr;
        for (int p = 0; p < kb; p++) {
            int src = aOffset + (pc + p) * lda + ic;
            int dst = p * mr;
            for (int ir = 0; ir < full; ir += mr) {
                // A loop, not System.arraycopy: for a dozen floats the call costs more than the copy.
                int s = src + ir;
                int d = dst + ir * kb;
                for (int r = 0; r < mr; r++) {
                    ap[d + r] = a[s + r];
                }
            }
            if (full < mb) {
                // loops, not System.arraycopy and Arrays.fill: a few floats per depth step (B3's first
                // convolution: 9 rows of A, once per image pixel) made the two calls cost more than the copy
                int d = dst + full * kb;
                int s = src + full;
                int rows = mb - full;
                for (int r = 0; r < rows; r++) {
                    ap[d + r] = a[s + r];
                }
                for (int r = rows; r < mr; r++) {
                    ap[d + r] = 0f;
                }
            }
        }
    }

    // Packed B: for each micro-panel of nr columns, kb steps of nr values. Rows of B are read once, front
    // to back (walking a micro-panel's kb rows instead would touch a new page per row).
    static void packB(int nr, float[] b, int bOffset, int ldb, int pc, int kb, int jc, int nb, float[] bp, int bpOff) {
        int full = nb / nr * nr;
        for (int p = 0; p < kb; p++) {
            int src = bOffset + (pc + p) * ldb + jc;
            int dst = bpOff + p * nr;
            for (int jr = 0; jr < full; jr += nr) {
                int s = src + jr;
                int d = dst + jr * kb;
                for (int j = 0; j < nr; j++) {
                    bp[d + j] = b[s + j];
                }
            }
            if (full < nb) {
                // loops, as in packATransposed: a few floats per depth step (the output layer's 10 columns)
                int d = dst + full * kb;
                int s = src + full;
                int cols = nb - full;
                for (int j = 0; j < cols; j++) {
                    bp[d + j] = b[s + j];
                }
                for (int j = cols; j < nr; j++) {
                    bp[d + j] = 0f;
                }
            }
        }
    }

    // B is stored n x k: each column of op(B) is a contiguous row of b, scattered with stride nr; four columns
    // at a time, so that each depth step writes 16 contiguous bytes instead of 4 (as packA does for rows).
    static void packBTransposed(int nr, float[] b, int bOffset, int ldb, int pc, int kb, int jc, int nb, float[] bp,
                                 int bpOff) {
        for (int jr = 0; jr < nb; jr += nr) {
            int cols = Math.min(nr, nb - jr);
            int base = bpOff + jr * kb;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                int s0 = bOffset + (jc + jr + j) * ldb + pc;
                int s1 = s0 + ldb;
                int s2 = s1 + ldb;
                int s3 = s2 + ldb;
                int dst = base + j;
                for (int p = 0; p < kb; p++) {
                    int d = dst + p * nr;
                    bp[d] = b[s0 + p];
                    bp[d + 1] = b[s1 + p];
                    bp[d + 2] = b[s2 + p];
                    bp[d + 3] = b[s3 + p];
                }
            }
            for (; j < cols; j++) {
                int src = bOffset + (jc + jr + j) * ldb + pc;
                int dst = base + j;
                for (int p = 0; p < kb; p++) {
                    bp[dst + p * nr] = b[src + p];
                }
            }
            for (j = cols; j < nr; j++) {
                for (int p = 0; p < kb; p++) {
                    bp[base + j + p * nr] = 0f;
                }
            }
        }
    }
}
