package dev.tensile.dsl.cli;

import java.util.ServiceLoader;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import dev.tensile.Version;

/**
 * The {@code tensile} command. Its own subcommands live here; other modules (the shell) add theirs through
 * {@link TensileSubcommand} and ServiceLoader, so the dependency arrow keeps pointing from shell to dsl.
 */
@Command(name = "tensile", mixinStandardHelpOptions = true, versionProvider = TensileCli.VersionInfo.class,
        description = "Train neural networks described in Groovy scripts.",
        subcommands = {RunCommand.class, PluginsCommand.class, ReportCommand.class, BenchCommand.class, IdeCommand.class,
                CommandLine.HelpCommand.class})
public final class TensileCli implements Runnable {

    public static void main(String[] args) {
        Interrupts.enable();
        System.exit(execute(args));
    }

    /** Runs one command; whatever escapes it is one line on stderr, never a stack trace, and status 1. */
    public static int execute(String... args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            return escaped(e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            return escaped(e);
        }
    }

    private static int escaped(Throwable thrown) {
        Throwable e = thrown instanceof CommandLine.ExecutionException && thrown.getCause() != null
                ? thrown.getCause() : thrown;
        System.err.println("tensile: " + (e instanceof OutOfMemoryError ? dev.tensile.dsl.ScriptFailure.outOfMemory()
                : dev.tensile.dsl.ScriptFailure.oneLine(e) + " (unexpected; please report it with --stacktrace)"));
        return 1;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TensileCli());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (parsed.originalArgs().contains("--stacktrace")) {
                e.printStackTrace();
            }
            return escaped(e);
        });
        for (TensileSubcommand sub : ServiceLoader.load(TensileSubcommand.class, TensileCli.class.getClassLoader())) {
            cl.addSubcommand(sub.name(), sub);
        }
        return cl;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the framework and JVM versions. */
    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tensile " + Version.get(),
                    "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")};
        }
    }
}
