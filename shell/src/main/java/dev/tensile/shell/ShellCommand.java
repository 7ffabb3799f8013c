package dev.tensile.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.tensile.dsl.ScriptRunner;
import dev.tensile.dsl.Session;
import dev.tensile.dsl.cli.PluginOptions;
import dev.tensile.dsl.cli.TensileSubcommand;
import dev.tensile.plugin.PluginRegistry;

/** {@code tensile shell}: the interactive shell, in a real terminal or on piped input. */
@Command(name = "shell", mixinStandardHelpOptions = true, description = "Explore the DSL line by line.")
public final class ShellCommand implements TensileSubcommand, Callable<Integer> {

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Option(names = "--seed", description = "Seed for every random choice (overrides the scripts').")
    Long seed;

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = plugins.discover();
        registry.problems().forEach(p -> System.err.println("warning: " + p));
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            PrintStream out = new PrintStream(terminal.output(), true);
            Session session = new Session(registry, out, Path.of("").toAbsolutePath(), seed, Map.of());
            new TensileShell(terminal, new ScriptRunner(session), out).run();
        }
        return 0;
    }
}
