package dev.tensile.dsl.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import dev.tensile.Version;
import dev.tensile.dsl.ide.Gdsl;
import dev.tensile.dsl.ide.Vocabulary;

/**
 * {@code tensile ide gdsl > tensile.gdsl}: the IntelliJ descriptor of the DSL, with the plugins found (built-in and
 * {@code --plugins} jars), so that jar keywords and parameters complete too.
 */
@Command(name = "ide", mixinStandardHelpOptions = true,
        description = "Print an IDE descriptor of the script language: gdsl (IntelliJ IDEA).")
public final class IdeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FORMAT", description = "gdsl")
    String format;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        if (!"gdsl".equals(format)) {
            System.err.println("tensile ide: unknown format '" + format + "' (formats: gdsl)");
            return 1;
        }
        String badFolder = plugins.problem();
        if (badFolder != null) {
            System.err.println(badFolder);
            return 1;
        }
        System.out.print(Gdsl.of(Vocabulary.of(plugins.discover()), Version.get()));
        return 0;
    }
}
