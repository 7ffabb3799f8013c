package dev.tensile.dsl.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

import dev.tensile.plugin.PluginRegistry;

/**
 * Where plugin jars are looked for, in order: each {@code --plugins DIR}, then the folders in
 * {@code TENSILE_PLUGINS} (path-separated), then {@code ~/.tensile/plugins}.
 */
public final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR", description = "A folder of plugin jars (repeatable).")
    List<Path> dirs = new ArrayList<>();

    public List<Path> folders() {
        List<Path> all = new ArrayList<>(dirs);
        String env = System.getenv("TENSILE_PLUGINS");
        if (env != null && !env.isBlank()) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    all.add(Path.of(p));
                }
            }
        }
        all.add(Path.of(System.getProperty("user.home"), ".tensile", "plugins"));
        return all;
    }

    public PluginRegistry discover() {
        return PluginRegistry.discover(folders(), List.of());
    }
}
