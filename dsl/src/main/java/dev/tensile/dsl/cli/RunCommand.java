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
import dev.tensile.dsl.TrainingInterrupted;
import dev.tensile.distributed.Distribution;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.plugin.PluginException;
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

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the script's (first) training run from a checkpoint instead of starting afresh.")
    Path resume;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train every train { } block on Spark with this master (local[2], spark://host:7077, yarn);"
                    + " the launcher then puts the spark module on the class path.")
    String spark;

    /** Exit status of a run ended by Ctrl-C or SIGTERM (128 + SIGINT's number, as shells report it). */
    static final int INTERRUPTED = 130;

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
        String badFolder = plugins.problem();
        if (badFolder != null) {
            System.err.println(badFolder);
            return 1;
        }
        PluginRegistry registry = plugins.discover();
        registry.onProblem(p -> System.err.println("warning: " + p));
        Path dir = file.toAbsolutePath().getParent();
        Session session = new Session(registry, System.out, dir, seed, properties);
        if (spark != null) {
            try {
                session.distributeAll(new Distribution("spark", spark.isEmpty() ? Map.of() : Map.of("master", spark)));
            } catch (PluginException e) {
                System.err.println("--spark: " + e.getMessage());
                return 1;
            }
        }
        if (resume != null) {
            if (!Files.isRegularFile(resume)) {
                System.err.println(resume + ": no such checkpoint");
                return 1;
            }
            session.resumeFrom(resume.toAbsolutePath());
        }
        String name = file.getFileName().toString();
        Path checkpoint = dir.resolve((name.endsWith(".groovy") ? name.substring(0, name.length() - 7) : name)
                + ".interrupted.tensile");
        session.checkpointOnInterrupt(checkpoint);
        Interrupts.install(session);
        try {
            new ScriptRunner(session).runFile(file);
            if (session.resumePending()) {
                System.err.println("warning: --resume " + resume + " was not used: the script has no train { } block");
            }
            return 0;
        } catch (ScriptFailure e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TrainingInterrupted i) {
                    System.err.println(i.getMessage());
                    System.err.println("resume with: " + resumeCommand(i.checkpoint()));
                    return INTERRUPTED;
                }
            }
            System.err.println(e.getMessage());
            if (stacktrace) {
                // a check made before training (a save's folder) has no deeper cause than itself
                (e.getCause() != null ? e.getCause() : e).printStackTrace();
            }
            return 1;
        }
    }

    /**
     * The command that continues this run: the same script, plugin folders, seed, threads and {@code -P} overrides
     * (without them a pasted hint ran another plan: "already trained 238 of 20 epochs"), quoted for a POSIX shell.
     */
    String resumeCommand(Path checkpoint) {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("./tensile", "run", file.toString()));
        for (Path d : plugins.dirs) {
            words.add("--plugins");
            words.add(d.toString());
        }
        if (seed != null) {
            words.add("--seed");
            words.add(seed.toString());
        }
        if (threads != null) {
            words.add("--threads");
            words.add(threads.toString());
        }
        properties.forEach((k, v) -> words.add("-P" + k + "=" + v));
        words.add("--resume");
        words.add(shortest(checkpoint).toString());
        return String.join(" ", words.stream().map(RunCommand::shellQuote).toList());
    }

    private static String shellQuote(String w) {
        return w.matches("[A-Za-z0-9_./=:@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /** The path relative to the working folder when it lies below it, else absolute. */
    private static Path shortest(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }
}
