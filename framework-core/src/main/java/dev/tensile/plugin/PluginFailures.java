package dev.tensile.plugin;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says which plugin jar a failure came from. Every jar's classes are defined by a {@link PluginClassLoader} named
 * {@code plugin:<file name>}, and a stack frame records its class loader's name, so the innermost frame of plugin
 * code in an exception (or its causes) names the jar, whatever thread or wrapper it travelled through.
 */
public final class PluginFailures {
    /** Loader name -> jar path, for the jars opened in this program. */
    private static final Map<String, Path> JARS = new ConcurrentHashMap<>();

    private PluginFailures() {
    }

    static void opened(PluginClassLoader loader) {
        JARS.put(loader.getName(), loader.jar());
    }

    /** Where plugin code raised {@code e}, or empty when no frame of plugin code is on its stack. */
    public static Optional<Origin> origin(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        Origin found = null;
        // the innermost cause is where it started; walk them all and keep the deepest plugin frame
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            for (StackTraceElement el : t.getStackTrace()) {
                String loader = el.getClassLoaderName();
                if (loader != null && loader.startsWith(PluginClassLoader.NAME_PREFIX)) {
                    Path jar = JARS.get(loader);
                    found = new Origin(el.getClassName(), jar != null ? jar.toString()
                            : loader.substring(PluginClassLoader.NAME_PREFIX.length()));
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** A class of a plugin jar, and the jar. */
    public record Origin(String className, String jar) {
        /** The top-level class, which is the plugin class when the failure came from one of its inner classes. */
        public String outerClassName() {
            int d = className.indexOf('$');
            return d < 0 ? className : className.substring(0, d);
        }
    }

    /** {@code SimpleName: first line of the message} of the innermost cause. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        Set<Throwable> seen = new HashSet<>();
        while (t.getCause() != null && seen.add(t)) {
            t = t.getCause();
        }
        if (t instanceof com.google.inject.CreationException ce && !ce.getErrorMessages().isEmpty()) {
            return firstLine(ce.getErrorMessages().iterator().next().getMessage());
        }
        if (t instanceof PluginExitBlocked) {
            return firstLine(t.getMessage());
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").strip();
    }
}
