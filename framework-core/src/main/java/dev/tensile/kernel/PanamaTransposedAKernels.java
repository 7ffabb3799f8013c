package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of {@link PanamaMicroKernels} reading A where it lies instead of from a packed panel: value
 * (tile row r, depth step p) at {@code a[aIdx + p * lda + r]}: A transposed (stored k x m), the tile's rows
 * contiguous at each step as in a packed panel, but lda apart. Used by {@link BlockedGemm#gemmInCache}, for operands
 * already in L2, where packing A cost as much as the multiply-adds (conv2d's chunks). The multiply-adds are the
 * packed kernels' in the same order: the same bits. Each accumulator is checked against the species before its
 * store, as there (see {@link PanamaMicroKernels}).
 */
final class PanamaTransposedAKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** JDK 25 compiles the 6-row kernel's index loop well and the counted one badly; JDK 17 the other way round. */
    private static final boolean INDEX_LOOP_FOR_6_ROWS = Runtime.version().feature() >= 25;

    private PanamaTransposedAKernels() {
    }

    /** Runs the kernel with {@code rows} rows, one of {@link KernelConfig#KERNEL_ROWS}. */
    static void run(int rows, int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        switch (rows) {
            case 12 -> kernel12x2(kc, a, aIdx, lda, bp, bIdx, acc);
            case 8 -> kernel8x2(kc, a, aIdx, lda, bp, bIdx, acc);
            case 6 -> {
                if (INDEX_LOOP_FOR_6_ROWS) {
                    kernel6x2IndexLoop(kc, a, aIdx, lda, bp, bIdx, acc);
                } else {
                    kernel6x2(kc, a, aIdx, lda, bp, bIdx, acc);
                }
            }
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
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[aIdx + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[aIdx + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[aIdx + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[aIdx + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, a[aIdx + 8]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, a[aIdx + 9]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, a[aIdx + 10]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, a[aIdx + 11]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
            aIdx += lda;
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
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[aIdx + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[aIdx + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[aIdx + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[aIdx + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            aIdx += lda;
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

    static void kernel6x2(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[aIdx + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[aIdx + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            aIdx += lda;
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

    /**
     * The 6-row kernel as JDK 25's C2 compiles it without a spill: the loop runs on A's index ({@code ai < aEnd}).
     * With 16 registers (AVX2) JDK 25 loads three broadcasts of A ahead of their multiply-adds, and in the counted
     * form it then keeps two of the twelve accumulators on the stack (seen in the generated code); this form ran
     * the second convolution's kernel gradient at 81-97 GFLOPS against 57-60 counted (Xeon, -XX:UseAVX=2, 1
     * thread). JDK 17 compiles the two forms the other way round (87-95 counted, 53-94 this form), so the JDK picks.
     */
    static void kernel6x2IndexLoop(int kc, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero;
        FloatVector c10 = zero, c11 = zero;
        FloatVector c20 = zero, c21 = zero;
        FloatVector c30 = zero, c31 = zero;
        FloatVector c40 = zero, c41 = zero;
        FloatVector c50 = zero, c51 = zero;
        for (int bi = bIdx, ai = aIdx, aEnd = aIdx + kc * lda; ai < aEnd; bi += 2 * L, ai += lda) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
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
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[aIdx + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            aIdx += lda;
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
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bIdx);
            FloatVector b1 = FloatVector.fromArray(S, bp, bIdx + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aIdx + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[aIdx + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[aIdx + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[aIdx + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            aIdx += lda;
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
