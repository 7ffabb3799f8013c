package dev.tensile.kernel;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

/** HotSpot's -XX options as this JVM runs with them, for the kernels' choices that depend on the JIT or the heap. */
final class VmOptions {
    private VmOptions() {
    }

    /** The option's value as HotSpot prints it ("true", "4194304"), or null when this JVM has no such option. */
    static String value(String option) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null ? null : hotspot.getVMOption(option).getValue();
        } catch (RuntimeException | LinkageError e) {
            return null; // no such option, not HotSpot, or no management module
        }
    }
}
