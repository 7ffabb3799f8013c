package dev.tensile.dsl.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;

/** {@code tensile plugins}: every discovered plugin with kind, name, source, version and description. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins Tensile can find.")
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        String badFolder = plugins.problem();
        if (badFolder != null) {
            System.err.println(badFolder);
            return 1;
        }
        PluginRegistry registry = plugins.discover();
        System.out.printf("%-13s %-21s %-10s %-16s %s%n", "KIND", "NAME", "SOURCE", "VERSION", "DESCRIPTION");
        for (PluginEntry e : registry.entries()) {
            System.out.printf("%-13s %-21s %-10s %-16s %s%n", e.kind().label(), e.name(), e.source(), e.version(),
                    e.description());
        }
        java.util.List<String> problems = new java.util.ArrayList<>(registry.problems());
        problems.addAll(dev.tensile.dsl.LayerKeywords.of(registry).problems());
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("problems:");
            problems.forEach(p -> System.out.println("  " + p));
        }
        return 0;
    }
}
