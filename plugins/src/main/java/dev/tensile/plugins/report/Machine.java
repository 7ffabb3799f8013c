package dev.tensile.plugins.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tensile.kernel.GemmProvider;

/** The machine a run trains on, for the report: CPU, cores, heap, JVM, OS and the GEMM kernel in use. */
public final class Machine {
    private Machine() {
    }

    public static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("cores", Runtime.getRuntime().availableProcessors() + " available to the JVM");
        m.put("kernel", GemmProvider.get().name() + ", " + GemmProvider.threads() + " thread(s)");
        m.put("max heap", (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.name") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
    }

    /** The CPU's model name from /proc/cpuinfo (Linux), else the architecture. */
    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: fall through
        }
        return System.getProperty("os.arch");
    }
}
