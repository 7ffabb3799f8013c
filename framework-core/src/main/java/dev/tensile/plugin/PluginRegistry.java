package dev.tensile.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;

import dev.tensile.Version;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Plugin;
import dev.tensile.spi.PluginKind;

/**
 * Every plugin Tensile knows, by kind and name. Built by {@link #discover}: ServiceLoader over the class path
 * (the built-ins are found this way too) and over every jar of the plugin folders, each jar in a class loader of
 * its own whose parent is the framework's. Plugins are constructed by Guice. A jar that fails is reported in one
 * line in {@link #problems()} and skipped; the rest keep working.
 */
public final class PluginRegistry {
    private final Injector injector;
    private final Map<PluginKind, Map<String, PluginEntry>> byKind = new EnumMap<>(PluginKind.class);
    private final List<String> problems = new ArrayList<>();

    private PluginRegistry(Injector injector) {
        this.injector = injector;
        for (PluginKind k : PluginKind.values()) {
            byKind.put(k, new LinkedHashMap<>());
        }
    }

    /** Only the class path: the built-ins and whatever the application put there. */
    public static PluginRegistry discover() {
        return discover(List.of(), List.of());
    }

    /**
     * @param pluginDirs  folders whose {@code *.jar} files are loaded, in order (missing folders are skipped)
     * @param userModules Guice modules that override the core's bindings
     */
    public static PluginRegistry discover(List<Path> pluginDirs, List<Module> userModules) {
        ClassLoader framework = PluginRegistry.class.getClassLoader();
        List<String> problems = new ArrayList<>();
        Map<ClassLoader, String> sources = new LinkedHashMap<>();
        sources.put(framework, "built-in");
        for (Path dir : pluginDirs) {
            for (Path jar : jarsIn(dir, problems)) {
                openJar(jar, framework, problems).ifPresent(loader -> sources.put(loader, jar.toString()));
            }
        }
        // Modules first: a plugin jar's module must be bound before any plugin is built.
        List<Module> overrides = new ArrayList<>();
        for (Map.Entry<ClassLoader, String> src : sources.entrySet()) {
            load(Module.class, src.getKey(), src.getValue(), problems, type -> {
                try {
                    overrides.add(type.getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new PluginException("cannot construct Guice module " + type.getName() + ": " + rootMessage(e), e);
                }
            });
        }
        overrides.addAll(userModules);
        Injector injector = Guice.createInjector(Modules.override(new CoreModule()).with(overrides));
        PluginRegistry registry = new PluginRegistry(injector);
        registry.problems.addAll(problems);
        for (Map.Entry<ClassLoader, String> src : sources.entrySet()) {
            for (PluginKind kind : PluginKind.values()) {
                load(kind.type(), src.getKey(), src.getValue(), registry.problems,
                        type -> registry.register(kind, injector.getInstance(type), src.getValue()));
            }
        }
        return registry;
    }

    private static List<Path> jarsIn(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            problems.add("plugin folder " + dir + ": cannot list it: " + e.getMessage());
            return List.of();
        }
    }

    private static java.util.Optional<ClassLoader> openJar(Path jar, ClassLoader parent, List<String> problems) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            // opened only to reject a corrupt archive here, with its name, rather than deep inside ServiceLoader
        } catch (IOException e) {
            problems.add("plugin jar " + jar + ": not a readable jar (" + e.getMessage() + "); skipped");
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, parent));
        } catch (MalformedURLException e) {
            problems.add("plugin jar " + jar + ": " + e.getMessage() + "; skipped");
            return java.util.Optional.empty();
        }
    }

    /** Loads the providers that {@code loader} itself defines (not its parents'), reporting each failure. */
    private static <S> void load(Class<S> service, ClassLoader loader, String source, List<String> problems,
                                 java.util.function.Consumer<Class<? extends S>> use) {
        Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(service, loader).stream().iterator();
        String where = source.equals("built-in") ? "built-in plugin" : "plugin jar " + source;
        for (int guard = 0; guard < 10_000; guard++) {
            ServiceLoader.Provider<S> provider;
            try {
                if (!it.hasNext()) {
                    return;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(where + ": " + rootMessage(e) + "; skipped");
                continue;
            }
            Class<? extends S> type;
            try {
                type = provider.type();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(where + ": " + rootMessage(e) + "; skipped");
                continue;
            }
            if (type.getClassLoader() != loader) {
                continue;
            }
            try {
                use.accept(type);
            } catch (RuntimeException | LinkageError e) {
                problems.add(where + ": " + type.getName() + " failed: " + rootMessage(e) + "; skipped");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
    }

    /**
     * Adds a plugin defined in a script (source {@code script}). It may not take the name of a discovered plugin;
     * defining the same name again in a script replaces the earlier definition, so a shell user can refine it.
     */
    public synchronized void registerScriptPlugin(Plugin plugin) {
        PluginKind kind = PluginKind.of(plugin);
        PluginEntry existing = byKind.get(kind).get(plugin.name());
        if (existing != null && !existing.source().equals(SCRIPT)) {
            throw new PluginException(kind.label() + " '" + plugin.name() + "' already exists (" + existing.source()
                    + "); choose another name");
        }
        byKind.get(kind).remove(plugin.name());
        register(kind, plugin, SCRIPT);
    }

    /** Removes every plugin defined in a script (the shell's {@code :reset}); discovered plugins stay. */
    public synchronized void forgetScriptPlugins() {
        for (Map<String, PluginEntry> names : byKind.values()) {
            names.values().removeIf(e -> e.source().equals(SCRIPT));
        }
    }

    /** The source of plugins defined in scripts. */
    public static final String SCRIPT = "script";

    private void register(PluginKind kind, Plugin plugin, String source) {
        String name = plugin.name();
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new PluginException("plugin name '" + name + "' is not kebab-case");
        }
        Map<String, PluginEntry> names = byKind.get(kind);
        PluginEntry existing = names.get(name);
        if (existing != null) {
            problems.add((source.equals("built-in") ? "built-in plugin" : "plugin jar " + source) + ": " + kind.label()
                    + " '" + name + "' is already provided by " + existing.source() + "; skipped");
            return;
        }
        String version = source.equals("built-in") || source.equals(SCRIPT) ? Version.get() : jarVersion(plugin);
        names.put(name, new PluginEntry(kind, plugin, source, version));
    }

    private static String jarVersion(Plugin plugin) {
        Package p = plugin.getClass().getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "unversioned" : v;
    }

    public Injector injector() {
        return injector;
    }

    /** One line per jar or plugin that could not be used. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Every plugin, kind by kind, in discovery order. */
    public List<PluginEntry> entries() {
        List<PluginEntry> all = new ArrayList<>();
        for (Map<String, PluginEntry> m : byKind.values()) {
            all.addAll(m.values());
        }
        return all;
    }

    public List<String> names(PluginKind kind) {
        return List.copyOf(byKind.get(kind).keySet());
    }

    /** The plugin of this kind and name, or an error with "did you mean" and the names of that kind. */
    public <T extends Plugin> T get(Class<T> type, String name) {
        PluginKind kind = kindOf(type);
        PluginEntry e = byKind.get(kind).get(name);
        if (e == null) {
            List<String> known = names(kind);
            String msg = "unknown " + kind.label() + " '" + name + "'";
            msg += Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
            msg += " (" + kind.label() + "s: " + String.join(", ", known) + ")";
            throw new PluginException(msg);
        }
        return type.cast(e.plugin());
    }

    public PluginEntry entry(PluginKind kind, String name) {
        return byKind.get(kind).get(name);
    }

    /** Looks the plugin up and validates the script's values for it. */
    public <T extends Plugin> Bound<T> bind(Class<T> type, String name, Map<String, ?> raw) {
        T plugin = get(type, name);
        return new Bound<>(plugin, ParamBinder.bind(plugin, raw));
    }

    /** A plugin with its validated parameters, ready for {@code create}. */
    public record Bound<T extends Plugin>(T plugin, Params params) {
    }

    /** The declared parameters of a plugin, for help and completion. */
    public List<Param> parameters(PluginKind kind, String name) {
        PluginEntry e = byKind.get(kind).get(name);
        return e == null ? List.of() : e.plugin().parameters();
    }

    private static PluginKind kindOf(Class<? extends Plugin> type) {
        for (PluginKind k : PluginKind.values()) {
            if (k.type() == type) {
                return k;
            }
        }
        throw new IllegalArgumentException(type + " is not a plugin kind");
    }
}
