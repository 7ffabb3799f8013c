package dev.tensile.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin folders every Tensile program looks in without being told: those of the {@code TENSILE_PLUGINS}
 * variable (path-separated), then {@code ~/.tensile/plugins}. The command line puts its {@code --plugins} folders in
 * front; a deserialised model ({@code tribuo.SerialForm}) finds its plugins here and on the class path.
 */
public final class PluginFolders {
    private PluginFolders() {
    }

    public static List<Path> defaults() {
        List<Path> all = new ArrayList<>();
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
}
