package dev.tensile.dsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

import dev.tensile.plugin.PluginFolders;
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
        all.addAll(PluginFolders.defaults());
        return all;
    }

    /**
     * One line about a {@code --plugins} folder that does not exist or is not a folder, or null. (The folders of
     * {@code TENSILE_PLUGINS} and the home folder may be missing: they are defaults, not requests.)
     */
    public String problem() {
        for (Path d : dirs) {
            if (!java.nio.file.Files.exists(d)) {
                return "--plugins " + d + ": no such folder";
            }
            if (!java.nio.file.Files.isDirectory(d)) {
                return "--plugins " + d + ": not a folder (give the folder that holds the plugin jars)";
            }
        }
        return null;
    }

    public PluginRegistry discover() {
        return PluginRegistry.discover(folders(), List.of());
    }
}
