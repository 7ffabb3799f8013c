package dev.tensile.kernel;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Picks the GEMM implementation once per process and logs one line saying which one runs and why. The
 * elementwise kernels of {@link VectorOps} follow the same choice.
 *
 * <p>{@link PanamaGemm} runs when the {@code jdk.incubator.vector} module is in the boot layer (the JVM was
 * started with {@code --add-modules jdk.incubator.vector}) and its preferred vector is at least 256 bits
 * wide; otherwise {@link ScalarGemm}. The system property {@code tensile.gemm=scalar} forces the scalar one
 * ({@code tensile.gemm=panama} only states the default). {@code PanamaGemm} is named here only as a string
 * and loaded reflectively, so a JVM without the module never links it.
 */
public final class GemmProvider {
    private static final System.Logger LOG = System.getLogger(GemmProvider.class.getName());
    private static final String PANAMA = "dev.tensile.kernel.PanamaGemm";
    private static final String PANAMA_OPS = "dev.tensile.kernel.PanamaVectorOps";
    private static final int MIN_VECTOR_BITS = 256;

    private static volatile Choice choice;

    private GemmProvider() {
    }

    /** The process-wide GEMM; it follows {@link #setThreads(int)}. */
    public static Gemm get() {
        return choice().shared;
    }

    /** A GEMM of the chosen kind that always uses {@code threads} threads (caller included, at least 1). */
    public static Gemm withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        return choice().create(threads);
    }

    /** Sets the thread count of the shared {@link ComputePool} (default: all available processors). */
    public static void setThreads(int threads) {
        ComputePool.shared().setThreads(threads);
    }

    /** The shared pool's thread count. */
    public static int threads() {
        return ComputePool.shared().threads();
    }

    /** The elementwise kernels matching the GEMM choice; the Panama ones are loaded by name too. */
    static VectorOpsSupport vectorOpsSupport() {
        if (choice().shared instanceof ScalarGemm) {
            return new ScalarVectorOps();
        }
        try {
            return (VectorOpsSupport) Class.forName(PANAMA_OPS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(Level.WARNING, "elementwise kernels fall back to scalar loops: " + e);
            return new ScalarVectorOps();
        }
    }

    private static Choice choice() {
        Choice c = choice;
        if (c == null) {
            synchronized (GemmProvider.class) {
                c = choice;
                if (c == null) {
                    c = choose(System.getProperty("tensile.gemm", ""));
                    choice = c;
                    LOG.log(Level.INFO, "GEMM: " + c.shared.name() + " (" + c.reason + ")");
                }
            }
        }
        return c;
    }

    static Choice choose(String forced) {
        if (forced.equalsIgnoreCase("scalar")) {
            return Choice.scalar("forced by -Dtensile.gemm=scalar");
        }
        if (!forced.isEmpty() && !forced.equalsIgnoreCase("panama")) {
            LOG.log(Level.WARNING, "ignoring unknown -Dtensile.gemm=" + forced + " (expected scalar or panama)");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Choice.scalar("the jdk.incubator.vector module is not loaded; "
                    + "start the JVM with --add-modules jdk.incubator.vector for the fast kernel");
        }
        try {
            Class<?> panama = Class.forName(PANAMA);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle bitsHandle = lookup.findStatic(panama, "vectorBits", MethodType.methodType(int.class));
            int bits = (int) bitsHandle.invokeExact();
            if (bits < MIN_VECTOR_BITS) {
                return Choice.scalar("the preferred vector is " + bits + " bits, below " + MIN_VECTOR_BITS);
            }
            MethodHandle ctor = lookup.findConstructor(panama, MethodType.methodType(void.class, int.class))
                    .asType(MethodType.methodType(Gemm.class, int.class));
            return new Choice(ctor, "jdk.incubator.vector is loaded and the preferred vector is " + bits + " bits");
        } catch (Throwable t) {
            return Choice.scalar("the Vector API failed to initialise: " + t);
        }
    }

    /** The chosen implementation: a factory for it, its shared instance and the reason it was chosen. */
    static final class Choice {
        private final MethodHandle factory;
        final Gemm shared;
        final String reason;

        Choice(MethodHandle factory, String reason) throws Throwable {
            this.factory = factory;
            this.reason = reason;
            this.shared = (Gemm) factory.invokeExact(0);
        }

        static Choice scalar(String reason) {
            try {
                MethodHandle ctor = MethodHandles.lookup()
                        .findConstructor(ScalarGemm.class, MethodType.methodType(void.class, int.class))
                        .asType(MethodType.methodType(Gemm.class, int.class));
                return new Choice(ctor, reason);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot construct ScalarGemm", t);
            }
        }

        Gemm create(int threads) {
            try {
                return (Gemm) factory.invokeExact(threads);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot construct " + shared.name(), t);
            }
        }
    }
}
