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
        subcommands = {RunCommand.class, PluginsCommand.class, ReportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class TensileCli implements Runnable {

    public static void main(String[] args) {
        Interrupts.enable();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TensileCli());
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
