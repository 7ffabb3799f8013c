package dev.tensile.plugin;

import dev.tensile.spi.Plugin;
import dev.tensile.spi.PluginKind;

/**
 * A discovered plugin and where it came from.
 *
 * @param source  {@code built-in} for the class path, else the jar's path
 * @param version     the jar's Implementation-Version, or the framework's for built-ins
 * @param description what {@code description()} answered when the plugin was built (asked once, in the sandbox)
 */
public record PluginEntry(PluginKind kind, Plugin plugin, String source, String version, String description) {
    public String name() {
        return plugin.name();
    }
}
