package dev.tensile.kernel;

import java.util.SplittableRandom;

/**
 * Runs every micro-kernel of this vector width (packed, A row-major in place, A transposed in place, and the narrow
 * products' kernels) and every elementwise kernel of {@link VectorOps} until C2 compiles them;
 * {@link KernelCompilationTest} reads what C2 printed.
 * Small depth slices keep the interpreted calls before compilation cheap.
 */
final class KernelCompilationDriver {
    private KernelCompilationDriver() {
    }

    public static void main(String[] args) {
        int bits = PanamaGemm.vectorBits();
        int calls = Integer.parseInt(args[0]);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int rows : KernelConfig.tileRows(bits)) {
            int cols = 2 * bits / 32;
            KernelConfig config = new KernelConfig(bits, rows, 16, 2 * rows, 2 * cols, "compilation test");
            Gemm gemm = new PanamaGemm(1, config);
            // two full row tiles and a partial one, two full panels and a partial one, three depth slices
            int m = 2 * rows + 1;
            int n = 2 * cols + 3;
            int k = 40;
            float[] a = GemmTest.random(rnd, m * k);
            float[] b = GemmTest.random(rnd, k * n);
            float[] c = new float[m * n];
            for (int call = 0; call < calls; call++) {
                float alpha = call % 3 == 2 ? 0.5f : 1f;
                gemm.gemm(false, false, m, n, k, alpha, a, 0, k, b, 0, n, 0f, c, 0, n);
                gemm.gemmInCache(false, false, m, n, k, alpha, a, 0, k, b, 0, n, 0f, c, 0, n);
                gemm.gemmInCache(true, false, m, n, k, alpha, a, 0, m, b, 0, n, 0f, c, 0, n);
            }
        }
        // the narrow products of an output layer (n = 10): forward, weight gradient, input gradient (depth 10)
        Gemm narrow = NarrowGemm.wrap(new PanamaGemm(1));
        int m = 64;
        int k = 100;
        int n = 10;
        float[] x = GemmTest.random(rnd, m * k);
        float[] w = GemmTest.random(rnd, k * n);
        float[] g = GemmTest.random(rnd, m * n);
        float[] y = new float[m * n];
        float[] dw = new float[k * n];
        float[] dx = new float[m * k];
        for (int call = 0; call < calls; call++) {
            float beta = call % 2;
            narrow.gemm(false, false, m, n, k, 1f, x, 0, k, w, 0, n, beta, y, 0, n);
            narrow.gemm(true, false, k, n, m, 1f, x, 0, k, g, 0, n, beta, dw, 0, n);
            narrow.gemm(false, true, m, k, n, 1f, g, 0, n, w, 0, n, beta, dx, 0, k);
        }
        // the elementwise kernels as the engine calls them: small arrays on the caller, large ones split over the
        // pool (Elementwise, RowSplits, BlockSums), so that their tasks are compiled with the kernels inlined too
        for (int size : new int[] {1000, 2 * Elementwise.PARALLEL}) {
            int cols = 250;
            int rows = size / cols;
            float[] v = GemmTest.random(rnd, size);
            float[] out = new float[size];
            float[] grad = GemmTest.random(rnd, size);
            float[] mom = new float[size];
            float[] vel = new float[size];
            float[] row = GemmTest.random(rnd, cols);
            float[] sums = new float[cols];
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = rows - 1 - i;
            }
            double sink = 0;
            for (int call = 0; call < calls / 4; call++) {
                VectorOps.addRowVector(out, rows, cols, row);
                VectorOps.relu(v, out, size);
                VectorOps.reluBackward(v, grad, out, size);
                VectorOps.scale(out, size, 0.5f);
                VectorOps.axpy(0.5f, v, out, size);
                VectorOps.addTo(v, 0, out, 0, size);
                VectorOps.sumColumns(out, rows, cols, sums);
                VectorOps.gatherRows(v, cols, order, 0, rows, out);
                sink += VectorOps.sumOfSquares(v, size);
                VectorOps.adamUpdate(out, grad, mom, vel, size, 0.9f, 0.999f, 1e-3f, 1e-8f);
            }
            if (Double.isNaN(sink)) {
                System.out.println("sum of squares is NaN");
            }
        }
        System.out.println("driver done");
    }
}
