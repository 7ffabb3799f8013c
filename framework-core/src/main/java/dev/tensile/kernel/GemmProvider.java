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
 * started with {@code --add-modules jdk.incubator.vector}), its preferred vector is 256 or 512 bits wide, and
 * C2 compiles hot code (not {@code -Xint}, a client VM or {@code -XX:TieredStopAtLevel} below 4: in C1's code
 * every vector operation allocates, and the "fast" kernel runs 50 times slower than the scalar one); otherwise
 * {@link ScalarGemm}. Its tile and blocking come from {@link KernelConfigFile} or the cache rule of
 * {@link KernelConfig}, and {@link NarrowGemm} serves its narrow products (C of at most 16 columns, or a depth of at
 * most 16: an output layer's) without packing, with the same bits. The system property {@code tensile.gemm=scalar}
 * forces the scalar one
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
                    c = choose(System.getProperty("tensile.gemm", ""), CompilerCheck.missingC2());
                    choice = c;
                    LOG.log(Level.INFO, "GEMM: " + c.describe() + " (" + c.reason + ")");
                }
            }
        }
        return c;
    }

    /** The tile and blocking of the process-wide GEMM, as bench prints them: {@code panama-512bit-12x32 tile=...}. */
    public static String describe() {
        return choice().describe();
    }

    /**
     * @param forced    the value of {@code -Dtensile.gemm}
     * @param missingC2 why C2 will not compile the kernel, or null when it will
     */
    static Choice choose(String forced, String missingC2) {
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
        if (missingC2 != null) {
            return Choice.scalar("the vector kernel needs C2 and " + missingC2);
        }
        try {
            Class<?> panama = Class.forName(PANAMA);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle bitsHandle = lookup.findStatic(panama, "vectorBits", MethodType.methodType(int.class));
            int bits = (int) bitsHandle.invokeExact();
            if (bits != 256 && bits != 512) {
                return Choice.scalar("the preferred vector is " + bits + " bits; the vector kernels are written for "
                        + "256 and 512");
            }
            KernelConfig config = configFor(bits);
            MethodHandle ctor = lookup.findConstructor(panama,
                            MethodType.methodType(void.class, int.class, KernelConfig.class))
                    .asType(MethodType.methodType(Gemm.class, int.class, KernelConfig.class));
            return new Choice(ctor, config, "jdk.incubator.vector is loaded, the preferred vector is " + bits
                    + " bits, C2 compiles; blocking from " + config.source());
        } catch (Throwable t) {
            return Choice.scalar("the Vector API failed to initialise: " + t);
        }
    }

    /** The stored kernel for this machine and JVM if {@code bench tune} wrote a valid one, else the cache rule. */
    static KernelConfig configFor(int bits) {
        KernelConfigFile file = KernelConfigFile.standard();
        try {
            return file.read(bits, KernelConfigFile.cpuModel(), m -> LOG.log(Level.WARNING, m), m -> LOG.log(Level.INFO, m))
                    .orElseGet(() -> KernelConfig.fromCaches(bits, CacheSizes.detect()));
        } catch (LinkageError e) {
            LOG.log(Level.WARNING, file.path() + ": cannot read it without Jackson on the class path (" + e
                    + "); using the cache rule");
            return KernelConfig.fromCaches(bits, CacheSizes.detect());
        }
    }

    /**
     * A Panama GEMM with the given tile and blocking, for {@code bench tune}; empty where the provider does not
     * choose Panama.
     */
    static java.util.Optional<Gemm> panama(int threads, KernelConfig config) {
        Choice c = choice();
        return c.config == null ? java.util.Optional.empty() : java.util.Optional.of(c.create(threads, config));
    }

    /** The tile and blocking of the process-wide Panama GEMM, or null when the scalar one runs. */
    static KernelConfig config() {
        return choice().config;
    }

    /** The chosen implementation: a factory for it, its shared instance and the reason it was chosen. */
    static final class Choice {
        private final MethodHandle factory;
        final KernelConfig config;
        final Gemm shared;
        final String reason;

        /** @param factory (threads, config) -> Gemm; config null for the scalar GEMM, whose factory takes threads only */
        Choice(MethodHandle factory, KernelConfig config, String reason) throws Throwable {
            this.factory = factory;
            this.config = config;
            this.reason = reason;
            this.shared = NarrowGemm.wrap(config == null ? (Gemm) factory.invokeExact(0)
                    : (Gemm) factory.invokeExact(0, config));
        }

        static Choice scalar(String reason) {
            try {
                MethodHandle ctor = MethodHandles.lookup()
                        .findConstructor(ScalarGemm.class, MethodType.methodType(void.class, int.class))
                        .asType(MethodType.methodType(Gemm.class, int.class));
                return new Choice(ctor, null, reason);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot construct ScalarGemm", t);
            }
        }

        Gemm create(int threads) {
            return create(threads, config);
        }

        Gemm create(int threads, KernelConfig with) {
            try {
                return NarrowGemm.wrap(config == null ? (Gemm) factory.invokeExact(threads)
                        : (Gemm) factory.invokeExact(threads, with));
            } catch (Throwable t) {
                throw new IllegalStateException("cannot construct " + shared.name(), t);
            }
        }

        String describe() {
            return config == null ? shared.name() + " " + ScalarGemm.BLOCKING : shared.name() + " " + config.blocking();
        }
    }
}
