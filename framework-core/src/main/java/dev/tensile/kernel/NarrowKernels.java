package dev.tensile.kernel;

/**
 * The loops behind {@link NarrowGemm}, on the Vector API ({@code PanamaNarrowKernels}, loaded by name). Both sum each
 * element of C as {@link PanamaGemm}'s micro-kernel does: one fused multiply-add per depth step, in depth order,
 * starting from zero.
 */
interface NarrowKernels {

    /** Floats per padded row of a narrow operand for a C of {@code n} columns: whole vectors. */
    int paddedWidth(int n);

    /**
     * Rows [r0, r1) of a narrow C (n columns, at most {@link #paddedWidth}) over one depth slice [0, depth):
     * {@code sum = Σ_d X(i, d) · Y[d, j]} with {@code X(i, d) = x[xOff + i·sI + d·sD]} and Y in {@code yp} from
     * {@code yOff} as depth rows of p = paddedWidth(n) floats (zero beyond n). Stores {@code sum + C[i, j]} when
     * {@code add}, else sum.
     *
     * @param tile scratch of at least 8 · p floats
     */
    void narrowC(int r0, int r1, int n, int depth, float[] x, int xOff, int sI, int sD, float[] yp, int yOff,
                 boolean add, float[] c, int cOff, int ldc, float[] tile);

    /**
     * Rows [r0, r1) of C (cols columns) for a short depth (one slice): {@code sum = Σ_{j < depth} G(r, j) · W[j, col]}
     * with {@code G(r, j) = g[gOff + r·sR + j·sJ]} and W in {@code wt} as depth rows of {@code cols} floats. Stores
     * {@code sum + C} when {@code add}, else sum.
     */
    void shortDepth(int r0, int r1, int cols, int depth, float[] g, int gOff, int sR, int sJ, float[] wt, boolean add,
                    float[] c, int cOff, int ldc);
}
