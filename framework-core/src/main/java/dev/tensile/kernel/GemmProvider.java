package dev.tensile.kernel;

import java.lang.System.Logger.Level;

/**
 * Picks the GEMM implementation once per process and says which one runs and why.
 */
public final class GemmProvider {
    private static final System.Logger LOG = System.getLogger(GemmProvider.class.getName());
    private static volatile Gemm instance;

    private GemmProvider() {
    }

    public static Gemm get() {
        Gemm g = instance;
        if (g == null) {
            synchronized (GemmProvider.class) {
                g = instance;
                if (g == null) {
                    g = choose();
                    instance = g;
                }
            }
        }
        return g;
    }

    private static Gemm choose() {
        Gemm g = new ScalarGemm();
        LOG.log(Level.DEBUG, "GEMM: " + g.name());
        return g;
    }
}
