package dev.tensile.shell;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        String badFolder = plugins.problem();
        if (badFolder != null) {
            System.err.println(badFolder);
            return 1;
        }
        PluginRegistry registry = plugins.discover();
        registry.onProblem(p -> System.err.println("warning: " + p));
        Path cwd = Path.of("").toAbsolutePath();
        if (System.console() == null) {
            // Piped input: plain lines, so the shell can be scripted.
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            new TensileShell(LineSource.plain(in, System.out),
                    () -> new ScriptRunner(new Session(registry, System.out, cwd, seed, Map.of())), System.out).run();
            return 0;
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            Path history = Path.of(System.getProperty("user.home"), ".tensile", "history");
            Files.createDirectories(history.getParent());
            TensileShell[] shell = new TensileShell[1];
            ShellCompleter completer = new ShellCompleter(registry, () -> shell[0].runner().binding().getVariables());
            shell[0] = new TensileShell(LineSource.jline(terminal, completer, history),
                    () -> new ScriptRunner(new Session(registry, out, cwd, seed, Map.of())), out);
            // Outside the line editor (which handles its own Ctrl-C), Ctrl-C stops a training at the end of its batch.
            terminal.handle(Terminal.Signal.INT, signal -> shell[0].interrupt());
            shell[0].run();
        }
        return 0;
    }
}
