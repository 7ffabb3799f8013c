package dev.tensile.dsl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.tensile.dsl.ScriptFailure;
import dev.tensile.dsl.ScriptRunner;
import dev.tensile.dsl.Session;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.plugin.PluginRegistry;

/** {@code tensile run FILE.groovy}: runs a script; errors are one line, {@code FILE:LINE: message}, exit status 1. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a .groovy training script.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The script to run.")
    Path file;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--seed", description = "Seed for every random choice (overrides the script's).")
    Long seed;

    @Option(names = "--threads", description = "Threads for the matrix kernel (default: all cores).")
    Integer threads;

    @Option(names = "-P", paramLabel = "KEY=VALUE", description = "A value the script reads with param('KEY', default).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--stacktrace", description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such script");
            return 1;
        }
        if (threads != null) {
            if (threads < 1) {
                System.err.println("--threads must be at least 1, got " + threads);
                return 1;
            }
            GemmProvider.setThreads(threads);
        }
        PluginRegistry registry = plugins.discover();
        registry.problems().forEach(p -> System.err.println("warning: " + p));
        Path dir = file.toAbsolutePath().getParent();
        Session session = new Session(registry, System.out, dir, seed, properties);
        try {
            new ScriptRunner(session).runFile(file);
            return 0;
        } catch (ScriptFailure e) {
            System.err.println(e.getMessage());
            if (stacktrace) {
                e.getCause().printStackTrace();
            }
            return 1;
        }
    }
}
