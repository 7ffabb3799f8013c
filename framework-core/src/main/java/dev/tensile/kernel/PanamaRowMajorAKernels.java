package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link PanamaMicroKernels} reading A where it lies instead of from a packed panel: value
 * (tile row r, depth step p) at {@code a[aIdx + r * lda + p]}: A row-major, each row read front to back from an
 * index of its own, with the loop counter as the only induction variable, so that C2 hoists the range checks. Used
 * by {@link BlockedGemm#gemmInCache}, for operands already in L2, where packing A cost as much as the multiply-adds
 * (conv2d's chunks). The multiply-adds are the packed kernels' in the same order: the same bits. Each accumulator
 * is checked against the species before its store, as there (see {@link PanamaMicroKernels}).
 */
final class PanamaRowMajorAKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private PanamaRowMajorAKernels() {
    }

    /** Runs the kernel with {@code rows} rows, one of {@link KernelConfig#KERNEL_ROWS}. */
    static void run(int rows, int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        switch (rows) {
            case 12 -> kernel12x2(kc, a, aIdx, lda, bp, bIdx, acc);
            case 8 -> kernel8x2(kc, a, aIdx, lda, bp, bIdx, acc);
            case 6 -> kernel6x2(kc, a, aIdx, lda, bp, bIdx, acc);
            case 5 -> kernel5x2(kc, a, aIdx, lda, bp, bIdx, acc);
            case 4 -> kernel4x2(kc, a, aIdx, lda, bp, bIdx, acc);
            default -> throw new IllegalArgumentException("no micro-kernel with " + rows + " rows");
        }
    }

    private static void kernel12x2(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        FloatVector c60 = zero, c61 = zero;
        FloatVector c70 = zero, c71 = zero;
        FloatVector c80 = zero, c81 = zero;
        FloatVector c90 = zero, c91 = zero;
        FloatVector c100 = zero, c101 = zero;
        FloatVector c110 = zero, c111 = zero;
        int row0 = aIdx;
        int row1 = aIdx + 1 * lda;
        int row2 = aIdx + 2 * lda;
        int row3 = aIdx + 3 * lda;
        int row4 = aIdx + 4 * lda;
        int row5 = aIdx + 5 * lda;
        int row6 = aIdx + 6 * lda;
        int row7 = aIdx + 7 * lda;
        int row8 = aIdx + 8 * lda;
        int row9 = aIdx + 9 * lda;
        int row10 = aIdx + 10 * lda;
        int row11 = aIdx + 11 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[row4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[row5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[row6 + p]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[row7 + p]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, a[row8 + p]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, a[row9 + p]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, a[row10 + p]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, a[row11 + p]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
            bIdx += 2 * L;
        }
        ((FloatVector) c00.check(S)).intoArray(acc, 0 * 2 * L);
        ((FloatVector) c01.check(S)).intoArray(acc, 0 * 2 * L + L);
        ((FloatVector) c10.check(S)).intoArray(acc, 1 * 2 * L);
        ((FloatVector) c11.check(S)).intoArray(acc, 1 * 2 * L + L);
        ((FloatVector) c20.check(S)).intoArray(acc, 2 * 2 * L);
        ((FloatVector) c21.check(S)).intoArray(acc, 2 * 2 * L + L);
        ((FloatVector) c30.check(S)).intoArray(acc, 3 * 2 * L);
        ((FloatVector) c31.check(S)).intoArray(acc, 3 * 2 * L + L);
        ((FloatVector) c40.check(S)).intoArray(acc, 4 * 2 * L);
        ((FloatVector) c41.check(S)).intoArray(acc, 4 * 2 * L + L);
        ((FloatVector) c50.check(S)).intoArray(acc, 5 * 2 * L);
        ((FloatVector) c51.check(S)).intoArray(acc, 5 * 2 * L + L);
        ((FloatVector) c60.check(S)).intoArray(acc, 6 * 2 * L);
        ((FloatVector) c61.check(S)).intoArray(acc, 6 * 2 * L + L);
        ((FloatVector) c70.check(S)).intoArray(acc, 7 * 2 * L);
        ((FloatVector) c71.check(S)).intoArray(acc, 7 * 2 * L + L);
        ((FloatVector) c80.check(S)).intoArray(acc, 8 * 2 * L);
        ((FloatVector) c81.check(S)).intoArray(acc, 8 * 2 * L + L);
        ((FloatVector) c90.check(S)).intoArray(acc, 9 * 2 * L);
        ((FloatVector) c91.check(S)).intoArray(acc, 9 * 2 * L + L);
        ((FloatVector) c100.check(S)).intoArray(acc, 10 * 2 * L);
        ((FloatVector) c101.check(S)).intoArray(acc, 10 * 2 * L + L);
        ((FloatVector) c110.check(S)).intoArray(acc, 11 * 2 * L);
        ((FloatVector) c111.check(S)).intoArray(acc, 11 * 2 * L + L);
    }

    private static void kernel8x2(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        FloatVector c60 = zero, c61 = zero;
        FloatVector c70 = zero, c71 = zero;
        int row0 = aIdx;
        int row1 = aIdx + 1 * lda;
        int row2 = aIdx + 2 * lda;
        int row3 = aIdx + 3 * lda;
        int row4 = aIdx + 4 * lda;
        int row5 = aIdx + 5 * lda;
        int row6 = aIdx + 6 * lda;
        int row7 = aIdx + 7 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[row4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[row5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[row6 + p]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[row7 + p]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            bIdx += 2 * L;
        }
        ((FloatVector) c00.check(S)).intoArray(acc, 0 * 2 * L);
        ((FloatVector) c01.check(S)).intoArray(acc, 0 * 2 * L + L);
        ((FloatVector) c10.check(S)).intoArray(acc, 1 * 2 * L);
        ((FloatVector) c11.check(S)).intoArray(acc, 1 * 2 * L + L);
        ((FloatVector) c20.check(S)).intoArray(acc, 2 * 2 * L);
        ((FloatVector) c21.check(S)).intoArray(acc, 2 * 2 * L + L);
        ((FloatVector) c30.check(S)).intoArray(acc, 3 * 2 * L);
        ((FloatVector) c31.check(S)).intoArray(acc, 3 * 2 * L + L);
        ((FloatVector) c40.check(S)).intoArray(acc, 4 * 2 * L);
        ((FloatVector) c41.check(S)).intoArray(acc, 4 * 2 * L + L);
        ((FloatVector) c50.check(S)).intoArray(acc, 5 * 2 * L);
        ((FloatVector) c51.check(S)).intoArray(acc, 5 * 2 * L + L);
        ((FloatVector) c60.check(S)).intoArray(acc, 6 * 2 * L);
        ((FloatVector) c61.check(S)).intoArray(acc, 6 * 2 * L + L);
        ((FloatVector) c70.check(S)).intoArray(acc, 7 * 2 * L);
        ((FloatVector) c71.check(S)).intoArray(acc, 7 * 2 * L + L);
    }

    private static void kernel6x2(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        int row0 = aIdx;
        int row1 = aIdx + 1 * lda;
        int row2 = aIdx + 2 * lda;
        int row3 = aIdx + 3 * lda;
        int row4 = aIdx + 4 * lda;
        int row5 = aIdx + 5 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[row4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[row5 + p]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            bIdx += 2 * L;
        }
        ((FloatVector) c00.check(S)).intoArray(acc, 0 * 2 * L);
        ((FloatVector) c01.check(S)).intoArray(acc, 0 * 2 * L + L);
        ((FloatVector) c10.check(S)).intoArray(acc, 1 * 2 * L);
        ((FloatVector) c11.check(S)).intoArray(acc, 1 * 2 * L + L);
        ((FloatVector) c20.check(S)).intoArray(acc, 2 * 2 * L);
        ((FloatVector) c21.check(S)).intoArray(acc, 2 * 2 * L + L);
        ((FloatVector) c30.check(S)).intoArray(acc, 3 * 2 * L);
        ((FloatVector) c31.check(S)).intoArray(acc, 3 * 2 * L + L);
        ((FloatVector) c40.check(S)).intoArray(acc, 4 * 2 * L);
        ((FloatVector) c41.check(S)).intoArray(acc, 4 * 2 * L + L);
        ((FloatVector) c50.check(S)).intoArray(acc, 5 * 2 * L);
        ((FloatVector) c51.check(S)).intoArray(acc, 5 * 2 * L + L);
    }

    private static void kernel5x2(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        int row0 = aIdx;
        int row1 = aIdx + 1 * lda;
        int row2 = aIdx + 2 * lda;
        int row3 = aIdx + 3 * lda;
        int row4 = aIdx + 4 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[row4 + p]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            bIdx += 2 * L;
        }
        ((FloatVector) c00.check(S)).intoArray(acc, 0 * 2 * L);
        ((FloatVector) c01.check(S)).intoArray(acc, 0 * 2 * L + L);
        ((FloatVector) c10.check(S)).intoArray(acc, 1 * 2 * L);
        ((FloatVector) c11.check(S)).intoArray(acc, 1 * 2 * L + L);
        ((FloatVector) c20.check(S)).intoArray(acc, 2 * 2 * L);
        ((FloatVector) c21.check(S)).intoArray(acc, 2 * 2 * L + L);
        ((FloatVector) c30.check(S)).intoArray(acc, 3 * 2 * L);
        ((FloatVector) c31.check(S)).intoArray(acc, 3 * 2 * L + L);
        ((FloatVector) c40.check(S)).intoArray(acc, 4 * 2 * L);
        ((FloatVector) c41.check(S)).intoArray(acc, 4 * 2 * L + L);
    }

    private static void kernel4x2(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        int row0 = aIdx;
        int row1 = aIdx + 1 * lda;
        int row2 = aIdx + 2 * lda;
        int row3 = aIdx + 3 * lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[row0 + p]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[row1 + p]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[row2 + p]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[row3 + p]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            bIdx += 2 * L;
        }
        ((FloatVector) c00.check(S)).intoArray(acc, 0 * 2 * L);
        ((FloatVector) c01.check(S)).intoArray(acc, 0 * 2 * L + L);
        ((FloatVector) c10.check(S)).intoArray(acc, 1 * 2 * L);
        ((FloatVector) c11.check(S)).intoArray(acc, 1 * 2 * L + L);
        ((FloatVector) c20.check(S)).intoArray(acc, 2 * 2 * L);
        ((FloatVector) c21.check(S)).intoArray(acc, 2 * 2 * L + L);
        ((FloatVector) c30.check(S)).intoArray(acc, 3 * 2 * L);
        ((FloatVector) c31.check(S)).intoArray(acc, 3 * 2 * L + L);
    }
}
