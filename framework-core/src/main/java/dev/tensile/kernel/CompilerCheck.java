package dev.tensile.kernel;

/**
 * Whether C2 (or another optimising JIT) compiles hot code in this JVM. The vector kernels rely on it: C1
 * compiles Vector API calls into allocating method calls, and a kernel left there runs far slower than the
 * scalar one. The Lucene vectorization provider makes the same check.
 */
final class CompilerCheck {
    private CompilerCheck() {
    }

    /** Why only the interpreter or C1 would run the kernel, or null when C2 will. */
    static String missingC2() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return "this JVM runs in interpreted mode (-Xint)";
        }
        if (System.getProperty("java.vm.name", "").contains("Client")) {
            return "this is a client VM (C1 only)";
        }
        if ("false".equals(VmOptions.value("UseCompiler"))) {
            return "the JIT is off (-XX:-UseCompiler)";
        }
        if ("true".equals(VmOptions.value("TieredCompilation"))) {
            String level = VmOptions.value("TieredStopAtLevel");
            if (level != null && Integer.parseInt(level) < 4) {
                return "-XX:TieredStopAtLevel=" + level + " stops at C1";
            }
        }
        return null;
    }
}
