package dev.tensile.kernel;

import java.util.SplittableRandom;

/**
 * Runs every micro-kernel of this vector width (packed, A row-major in place, A transposed in place), each writing
 * into C and into the tile buffer, until C2 compiles them; {@link KernelCompilationTest} reads what C2 printed.
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
        System.out.println("driver done");
    }
}
