package dev.tensile.kernel;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

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
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot == null) {
                return null;
            }
            if ("false".equals(value(hotspot, "UseCompiler"))) {
                return "the JIT is off (-XX:-UseCompiler)";
            }
            if ("true".equals(value(hotspot, "TieredCompilation"))) {
                String level = value(hotspot, "TieredStopAtLevel");
                if (level != null && Integer.parseInt(level) < 4) {
                    return "-XX:TieredStopAtLevel=" + level + " stops at C1";
                }
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, or no management: nothing known against C2
        }
    }

    private static String value(HotSpotDiagnosticMXBean hotspot, String option) {
        try {
            VMOption o = hotspot.getVMOption(option);
            return o.getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
