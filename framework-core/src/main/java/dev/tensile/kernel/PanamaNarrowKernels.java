package dev.tensile.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NarrowKernels} on the Vector API: tiles of 8 rows x 1 vector or 4 rows x 2 vectors (8 accumulators, enough
 * independent multiply-add chains to keep both FMA ports busy; 11 registers at most, so AVX2's 16 never spill), and a
 * 1-row and a scalar ({@link Math#fma}) tail that sum in the same order. Loaded only reflectively, by
 * {@link NarrowGemm}.
 */
final class PanamaNarrowKernels implements NarrowKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public int paddedWidth(int n) {
        return n <= L ? L : 2 * L;
    }

    @Override
    public void narrowC(int r0, int r1, int n, int depth, float[] x, int xOff, int sI, int sD, float[] yp, int yOff,
                        boolean add, float[] c, int cOff, int ldc, float[] tile) {
        int p = paddedWidth(n);
        int r = r0;
        if (p == L) {
            for (; r + 8 <= r1; r += 8) {
                rows8x1(depth, x, xOff + r * sI, sI, sD, yp, yOff, tile);
                store(tile, p, 8, n, add, c, cOff + r * ldc, ldc);
            }
        } else {
            for (; r + 4 <= r1; r += 4) {
                rows4x2(depth, x, xOff + r * sI, sI, sD, yp, yOff, tile);
                store(tile, p, 4, n, add, c, cOff + r * ldc, ldc);
            }
        }
        for (; r < r1; r++) {
            row1(depth, x, xOff + r * sI, sD, yp, yOff, p, tile);
            store(tile, p, 1, n, add, c, cOff + r * ldc, ldc);
        }
    }

    /** C's rows from the tile: {@code sum + C} (as the GEMM's storeTile with alpha = beta = 1) or the sum. */
    private static void store(float[] tile, int p, int rows, int n, boolean add, float[] c, int cIdx, int ldc) {
        for (int i = 0; i < rows; i++) {
            int ci = cIdx + i * ldc;
            int ti = i * p;
            if (add) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = tile[ti + j] + c[ci + j];
                }
            } else {
                System.arraycopy(tile, ti, c, ci, n);
            }
        }
    }

    private static void rows8x1(int depth, float[] x, int xi, int sI, int sD, float[] yp, int yOff, float[] tile) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c0 = zero, c1 = zero, c2 = zero, c3 = zero, c4 = zero, c5 = zero, c6 = zero, c7 = zero;
        int x1 = xi + sI;
        int x2 = xi + 2 * sI;
        int x3 = xi + 3 * sI;
        int x4 = xi + 4 * sI;
        int x5 = xi + 5 * sI;
        int x6 = xi + 6 * sI;
        int x7 = xi + 7 * sI;
        for (int yi = yOff, xd = 0, end = yOff + depth * L; yi < end; yi += L, xd += sD) {
            FloatVector y = FloatVector.fromArray(S, yp, yi);
            c0 = FloatVector.broadcast(S, x[xi + xd]).fma(y, c0);
            c1 = FloatVector.broadcast(S, x[x1 + xd]).fma(y, c1);
            c2 = FloatVector.broadcast(S, x[x2 + xd]).fma(y, c2);
            c3 = FloatVector.broadcast(S, x[x3 + xd]).fma(y, c3);
            c4 = FloatVector.broadcast(S, x[x4 + xd]).fma(y, c4);
            c5 = FloatVector.broadcast(S, x[x5 + xd]).fma(y, c5);
            c6 = FloatVector.broadcast(S, x[x6 + xd]).fma(y, c6);
            c7 = FloatVector.broadcast(S, x[x7 + xd]).fma(y, c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
    }

    private static void rows4x2(int depth, float[] x, int xi, int sI, int sD, float[] yp, int yOff, float[] tile) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        int x1 = xi + sI;
        int x2 = xi + 2 * sI;
        int x3 = xi + 3 * sI;
        for (int yi = yOff, xd = 0, end = yOff + depth * 2 * L; yi < end; yi += 2 * L, xd += sD) {
            FloatVector y0 = FloatVector.fromArray(S, yp, yi);
            FloatVector y1 = FloatVector.fromArray(S, yp, yi + L);
            FloatVector a0 = FloatVector.broadcast(S, x[xi + xd]);
            c00 = a0.fma(y0, c00);
            c01 = a0.fma(y1, c01);
            FloatVector a1 = FloatVector.broadcast(S, x[x1 + xd]);
            c10 = a1.fma(y0, c10);
            c11 = a1.fma(y1, c11);
            FloatVector a2 = FloatVector.broadcast(S, x[x2 + xd]);
            c20 = a2.fma(y0, c20);
            c21 = a2.fma(y1, c21);
            FloatVector a3 = FloatVector.broadcast(S, x[x3 + xd]);
            c30 = a3.fma(y0, c30);
            c31 = a3.fma(y1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, 2 * L);
        c11.intoArray(tile, 3 * L);
        c20.intoArray(tile, 4 * L);
        c21.intoArray(tile, 5 * L);
        c30.intoArray(tile, 6 * L);
        c31.intoArray(tile, 7 * L);
    }

    /** One row, p = L or 2L: the tails of the two tiles above. */
    private static void row1(int depth, float[] x, int xi, int sD, float[] yp, int yOff, int p, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        for (int yi = yOff, xd = 0, end = yOff + depth * p; yi < end; yi += p, xd += sD) {
            FloatVector a = FloatVector.broadcast(S, x[xi + xd]);
            c0 = a.fma(FloatVector.fromArray(S, yp, yi), c0);
            if (p > L) {
                c1 = a.fma(FloatVector.fromArray(S, yp, yi + L), c1);
            }
        }
        c0.intoArray(tile, 0);
        if (p > L) {
            c1.intoArray(tile, L);
        }
    }

    @Override
    public void shortDepth(int r0, int r1, int cols, int depth, float[] g, int gOff, int sR, int sJ, float[] wt,
                           boolean add, float[] c, int cOff, int ldc) {
        int r = r0;
        for (; r + 4 <= r1; r += 4) {
            int col = 0;
            for (; col + 2 * L <= cols; col += 2 * L) {
                rows4x2Short(depth, g, gOff + r * sR, sR, sJ, wt, cols, col, add, c, cOff + r * ldc + col, ldc);
            }
            for (int i = 0; i < 4; i++) {
                rowTail(col, cols, depth, g, gOff + (r + i) * sR, sJ, wt, add, c, cOff + (r + i) * ldc);
            }
        }
        for (; r < r1; r++) {
            rowTail(0, cols, depth, g, gOff + r * sR, sJ, wt, add, c, cOff + r * ldc);
        }
    }

    private static void rows4x2Short(int depth, float[] g, int gi, int sR, int sJ, float[] wt, int cols, int col,
                                     boolean add, float[] c, int ci, int ldc) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
        int g1 = gi + sR;
        int g2 = gi + 2 * sR;
        int g3 = gi + 3 * sR;
        for (int j = 0, wi = col, gj = 0; j < depth; j++, wi += cols, gj += sJ) {
            FloatVector w0 = FloatVector.fromArray(S, wt, wi);
            FloatVector w1 = FloatVector.fromArray(S, wt, wi + L);
            FloatVector a0 = FloatVector.broadcast(S, g[gi + gj]);
            c00 = a0.fma(w0, c00);
            c01 = a0.fma(w1, c01);
            FloatVector a1 = FloatVector.broadcast(S, g[g1 + gj]);
            c10 = a1.fma(w0, c10);
            c11 = a1.fma(w1, c11);
            FloatVector a2 = FloatVector.broadcast(S, g[g2 + gj]);
            c20 = a2.fma(w0, c20);
            c21 = a2.fma(w1, c21);
            FloatVector a3 = FloatVector.broadcast(S, g[g3 + gj]);
            c30 = a3.fma(w0, c30);
            c31 = a3.fma(w1, c31);
        }
        put(c00, add, c, ci);
        put(c01, add, c, ci + L);
        put(c10, add, c, ci + ldc);
        put(c11, add, c, ci + ldc + L);
        put(c20, add, c, ci + 2 * ldc);
        put(c21, add, c, ci + 2 * ldc + L);
        put(c30, add, c, ci + 3 * ldc);
        put(c31, add, c, ci + 3 * ldc + L);
    }

    private static void put(FloatVector sum, boolean add, float[] c, int ci) {
        (add ? sum.add(FloatVector.fromArray(S, c, ci)) : sum).intoArray(c, ci);
    }

    /** Columns [col, cols) of one row: whole vectors, then one multiply-add chain per element. */
    private static void rowTail(int col, int cols, int depth, float[] g, int gi, int sJ, float[] wt, boolean add,
                                float[] c, int ci) {
        for (; col + L <= cols; col += L) {
            FloatVector s = FloatVector.zero(S);
            for (int j = 0, wi = col; j < depth; j++, wi += cols) {
                s = FloatVector.broadcast(S, g[gi + j * sJ]).fma(FloatVector.fromArray(S, wt, wi), s);
            }
            put(s, add, c, ci + col);
        }
        for (; col < cols; col++) {
            float s = 0f;
            for (int j = 0; j < depth; j++) {
                s = Math.fma(g[gi + j * sJ], wt[j * cols + col], s);
            }
            c[ci + col] = add ? s + c[ci + col] : s;
        }
    }
}
