package dev.tensile.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
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
 * (the built-ins are found this way too) and over every jar of the plugin folders, each jar in a
 * {@link PluginClassLoader} of its own whose parent is the framework's. Plugins are constructed by Guice.
 *
 * <p>One bad jar must not take the program down, so a jar's plugins are constructed lazily (only when a script
 * asks for a name the built-ins do not have, or a listing asks for all), each in the {@link Sandbox} (a time
 * limit, its failures, {@code Error}s included, turned into one line), with {@code System.exit} calls rewritten
 * away ({@link ExitCalls}). A jar whose Guice module fails is skipped whole. Every problem is one line in
 * {@link #problems()} (and passed to {@link #onProblem}); the rest keep working.
 */
public final class PluginRegistry {
    private static final String BUILT_IN = "built-in";
    /**
     * Guice logs every exception a module throws, stack trace and all, before it reports it; we report it in one
     * line ourselves. Held in a field: the logging framework keeps only weak references to loggers.
     */
    private static final java.util.logging.Logger GUICE_MESSAGES =
            java.util.logging.Logger.getLogger(Guice.class.getName()); // the logger Guice's MessageProcessor uses

    static {
        GUICE_MESSAGES.setLevel(java.util.logging.Level.WARNING);
    }

    private final Injector injector;
    private final Map<PluginKind, Map<String, PluginEntry>> byKind = new EnumMap<>(PluginKind.class);
    /** Plugin classes of jars, found but not yet constructed. */
    private final Map<PluginKind, List<Pending>> pending = new EnumMap<>(PluginKind.class);
    private final List<String> problems = new ArrayList<>();
    private Consumer<String> problemSink = p -> { };

    private record Pending(Class<? extends Plugin> type, String source, ClassLoader loader) {
    }

    private PluginRegistry(Injector injector) {
        this.injector = injector;
        for (PluginKind k : PluginKind.values()) {
            byKind.put(k, new LinkedHashMap<>());
            pending.put(k, new ArrayList<>());
        }
    }

    /** Only the class path: the built-ins and whatever the application put there. */
    public static PluginRegistry discover() {
        return discover(List.of(), List.of());
    }

    /**
     * @param pluginDirs  folders whose {@code *.jar} files are loaded, in order (missing folders are skipped;
     *                    the command line checks the ones a user named)
     * @param userModules Guice modules that override the core's bindings
     */
    public static PluginRegistry discover(List<Path> pluginDirs, List<Module> userModules) {
        ClassLoader framework = PluginRegistry.class.getClassLoader();
        List<String> problems = new ArrayList<>();
        Map<ClassLoader, String> sources = new LinkedHashMap<>();
        sources.put(framework, BUILT_IN);
        // a folder named twice (--plugins and TENSILE_PLUGINS, say) is read once: its jars would clash with themselves
        for (Path dir : new java.util.LinkedHashSet<>(pluginDirs.stream().map(d -> d.toAbsolutePath().normalize()).toList())) {
            for (Path jar : jarsIn(dir, problems)) {
                openJar(jar, framework, problems).ifPresent(loader -> sources.put(loader, jar.toString()));
            }
        }
        // Modules first: a plugin jar's module must be bound before any plugin is built. Each jar's modules are
        // tried on top of those accepted so far, so a module that throws or binds twice costs only its own jar.
        List<Module> accepted = new ArrayList<>();
        for (var it = sources.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<ClassLoader, String> src = it.next();
            String where = where(src.getValue());
            List<Class<? extends Module>> types = new ArrayList<>();
            boolean broken = !load(Module.class, src.getKey(), where, problems, types::add);
            List<Module> mine = new ArrayList<>();
            try {
                for (Class<? extends Module> type : types) {
                    mine.add(Sandbox.run("Guice module " + type.getName(), where, "constructing", src.getKey(),
                            () -> type.getDeclaredConstructor().newInstance()));
                }
                if (!mine.isEmpty() && src.getKey() != framework) {
                    List<Module> trial = new ArrayList<>(accepted);
                    trial.addAll(mine);
                    Sandbox.run("its Guice module", where, "configuring", src.getKey(),
                            () -> Guice.createInjector(Modules.override(new CoreModule()).with(trial)));
                }
            } catch (PluginException e) {
                problems.add(e.getMessage() + "; jar skipped");
                broken = true;
            }
            if (broken && src.getKey() != framework) {
                it.remove();
            } else {
                accepted.addAll(mine);
            }
        }
        accepted.addAll(userModules);
        Injector injector = Guice.createInjector(Modules.override(new CoreModule()).with(accepted));
        PluginRegistry registry = new PluginRegistry(injector);
        registry.problems.addAll(problems);
        for (Map.Entry<ClassLoader, String> src : sources.entrySet()) {
            for (PluginKind kind : PluginKind.values()) {
                String where = where(src.getValue());
                load(kind.type(), src.getKey(), where, registry.problems, type -> {
                    if (src.getKey() == framework) {
                        registry.construct(kind, new Pending(type, src.getValue(), framework));
                    } else {
                        registry.pending.get(kind).add(new Pending(type, src.getValue(), src.getKey()));
                    }
                });
            }
        }
        return registry;
    }

    private static String where(String source) {
        return source.equals(BUILT_IN) ? "built-in plugin" : source.equals(SCRIPT) ? "script" : "plugin jar " + source;
    }

    /** Constructs a discovered plugin in the sandbox and registers it, or records one line saying why not. */
    private void construct(PluginKind kind, Pending p) {
        String where = where(p.source());
        try {
            Plugin plugin = Sandbox.run(p.type().getName(), where, "constructing", p.loader(),
                    () -> (Plugin) injector.getInstance(p.type()));
            String name = Sandbox.run(p.type().getName() + ".name()", where, "answering", p.loader(), plugin::name);
            String description;
            try {
                description = dev.tensile.Printable.escape(Sandbox.run(kind.label() + " '" + name
                        + "': description()", where, "answering", p.loader(), plugin::description));
            } catch (PluginException e) {
                problem(e.getMessage());
                description = "(no description: it failed)";
            }
            register(kind, plugin, p.source(), name, description);
        } catch (PluginException e) {
            problem(e.getMessage() + "; skipped");
        }
    }

    /** Constructs the jar plugins of this kind that are still pending. */
    private synchronized void materialize(PluginKind kind) {
        List<Pending> todo = pending.get(kind);
        if (todo.isEmpty()) {
            return;
        }
        List<Pending> copy = List.copyOf(todo);
        todo.clear();
        copy.forEach(p -> construct(kind, p));
    }

    private void problem(String line) {
        problems.add(line);
        problemSink.accept(line);
    }

    /**
     * Where problems found from now on go as they happen (jar plugins are built only when needed, long after
     * discovery); those found already are passed at once.
     */
    public synchronized void onProblem(Consumer<String> sink) {
        problems.forEach(sink);
        this.problemSink = sink;
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
        try {
            // opening it here rejects a corrupt archive with its name, rather than deep inside ServiceLoader
            PluginClassLoader loader = new PluginClassLoader(jar, parent);
            PluginFailures.opened(loader);
            return java.util.Optional.of(loader);
        } catch (IOException e) {
            problems.add("plugin jar " + jar + ": not a readable jar (" + e.getMessage() + "); skipped");
            return java.util.Optional.empty();
        }
    }

    /**
     * Finds the provider classes that {@code loader} itself defines (not its parents'), without constructing them,
     * reporting each failure. Loading a class does not run its static initializer; construction does.
     *
     * @return false when a provider could not be loaded
     */
    private static <S> boolean load(Class<S> service, ClassLoader loader, String where, List<String> problems,
                                    Consumer<Class<? extends S>> use) {
        Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(service, loader).stream().iterator();
        boolean ok = true;
        for (int guard = 0; guard < 10_000; guard++) {
            Class<? extends S> type;
            try {
                if (!it.hasNext()) {
                    return ok;
                }
                type = it.next().type();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add(where + ": " + PluginFailures.rootMessage(e) + "; skipped");
                ok = false;
                continue;
            }
            if (type.getClassLoader() == loader) {
                use.accept(type);
            }
        }
        return ok;
    }

    /**
     * Adds a plugin defined in a script (source {@code script}). It may not take the name of a discovered plugin;
     * defining the same name again in a script replaces the earlier definition, so a shell user can refine it.
     */
    public synchronized void registerScriptPlugin(Plugin plugin) {
        PluginKind kind = PluginKind.of(plugin);
        materialize(kind);
        PluginEntry existing = byKind.get(kind).get(plugin.name());
        if (existing != null && !existing.source().equals(SCRIPT)) {
            throw new PluginException(kind.label() + " '" + plugin.name() + "' already exists (" + existing.source()
                    + "); choose another name");
        }
        byKind.get(kind).remove(plugin.name());
        register(kind, plugin, SCRIPT, plugin.name(), plugin.description());
    }

    /** Removes every plugin defined in a script (the shell's {@code :reset}); discovered plugins stay. */
    public synchronized void forgetScriptPlugins() {
        for (Map<String, PluginEntry> names : byKind.values()) {
            names.values().removeIf(e -> e.source().equals(SCRIPT));
        }
    }

    /** The source of plugins defined in scripts. */
    public static final String SCRIPT = "script";

    private void register(PluginKind kind, Plugin plugin, String source, String name, String description) {
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new PluginException((source.equals(SCRIPT) ? "" : where(source) + ": ") + "plugin name '" + name
                    + "' is not kebab-case");
        }
        Map<String, PluginEntry> names = byKind.get(kind);
        PluginEntry existing = names.get(name);
        if (existing != null) {
            // the first found wins: the built-ins, then the folders in the order given, jars by name within each
            problem(where(source) + ": " + kind.label() + " '" + name + "' is also "
                    + (existing.source().equals(BUILT_IN) ? "a built-in plugin, which wins"
                    : "in " + where(existing.source()) + ", which wins (found first)") + "; this jar's is skipped");
            return;
        }
        String version = source.equals(BUILT_IN) || source.equals(SCRIPT) ? Version.get() : jarVersion(plugin);
        names.put(name, new PluginEntry(kind, plugin, source, version, description));
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
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Every plugin, kind by kind, in discovery order. */
    public synchronized List<PluginEntry> entries() {
        for (PluginKind k : PluginKind.values()) {
            materialize(k);
        }
        List<PluginEntry> all = new ArrayList<>();
        for (Map<String, PluginEntry> m : byKind.values()) {
            all.addAll(m.values());
        }
        return all;
    }

    public synchronized List<String> names(PluginKind kind) {
        materialize(kind);
        return List.copyOf(byKind.get(kind).keySet());
    }

    /** The plugin of this kind and name, or an error with "did you mean" and the names of that kind. */
    public <T extends Plugin> T get(Class<T> type, String name) {
        PluginKind kind = kindOf(type);
        PluginEntry e = entry(kind, name);
        if (e == null) {
            List<String> known = names(kind);
            String msg = "unknown " + kind.label() + " '" + name + "'";
            for (PluginKind other : PluginKind.values()) {
                if (other != kind && byKind.get(other).containsKey(name)) {
                    msg += ": '" + name + "' is a" + (other.label().matches("[aeiou].*") ? "n " : " ") + other.label();
                    msg += other == PluginKind.LAYER ? " (put it in the model { } block)" : "";
                }
            }
            msg += Suggestions.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse("");
            msg += " (" + kind.label() + "s: " + String.join(", ", known) + ")";
            throw new PluginException(msg);
        }
        return type.cast(e.plugin());
    }

    /** The plugin of this kind and name, or null; jar plugins of the kind are built when the built-ins lack it. */
    public synchronized PluginEntry entry(PluginKind kind, String name) {
        PluginEntry e = byKind.get(kind).get(name);
        if (e == null && !pending.get(kind).isEmpty()) {
            materialize(kind);
            e = byKind.get(kind).get(name);
        }
        return e;
    }

    /**
     * The plugin (kind and name) or at least the jar whose code raised {@code failure}, as words for a message:
     * {@code activation 'mish' from plugin jar /p/x.jar}; empty when the failure did not come from a jar.
     */
    public synchronized java.util.Optional<String> blame(Throwable failure) {
        return PluginFailures.origin(failure).map(o -> {
            for (PluginEntry e : byKind.values().stream().flatMap(m -> m.values().stream()).toList()) {
                if (e.plugin().getClass().getName().equals(o.outerClassName())) {
                    return e.kind().label() + " '" + e.name() + "' from plugin jar " + o.jar();
                }
            }
            return o.className() + " from plugin jar " + o.jar();
        });
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
        PluginEntry e = entry(kind, name);
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
