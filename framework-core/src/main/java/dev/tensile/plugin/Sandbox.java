package dev.tensile.plugin;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs plugin code that the framework calls before any script does (constructors, Guice modules, {@code name()},
 * {@code description()}) on a thread of its own with a time limit, and turns whatever it throws into a
 * {@link PluginException} of one line. A {@link VirtualMachineError} (out of memory, stack overflow) is the JVM's
 * trouble rather than the plugin's and passes through unchanged.
 *
 * <p>A plugin that does not finish in time is abandoned, not stopped: Java cannot kill a thread. Its thread is a
 * daemon, so it does not keep the program alive, but it keeps whatever CPU or memory it uses until the program
 * ends.
 */
final class Sandbox {
    /** Seconds a plugin may take to construct; the system property {@value #TIMEOUT_PROPERTY} overrides it. */
    static final long DEFAULT_TIMEOUT_SECONDS = 10;
    static final String TIMEOUT_PROPERTY = "tensile.plugin.timeout";

    private Sandbox() {
    }

    static double timeoutSeconds() {
        String s = System.getProperty(TIMEOUT_PROPERTY);
        if (s != null) {
            try {
                double v = Double.parseDouble(s);
                if (v > 0 && v < 1e6) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // fall back to the default below
            }
        }
        return DEFAULT_TIMEOUT_SECONDS;
    }

    /**
     * @param what   what is being done, for the message: {@code "com.example.Mish"}
     * @param where  where the code comes from: {@code "plugin jar /p/x.jar"}
     * @param verb   what did not finish: {@code "constructing"}
     */
    static <T> T run(String what, String where, String verb, ClassLoader loader, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, "plugin " + what);
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        t.start();
        double seconds = timeoutSeconds();
        try {
            return task.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new PluginException(where + ": " + what + " did not finish " + verb + " in "
                    + formatSeconds(seconds) + " s; skipped (its thread is abandoned)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(where + ": interrupted while " + verb + " " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof VirtualMachineError vme) {
                throw vme;
            }
            throw new PluginException(where + ": " + what + " failed: " + PluginFailures.rootMessage(cause), cause);
        }
    }

    private static String formatSeconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}
