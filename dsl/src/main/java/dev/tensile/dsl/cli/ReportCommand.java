package dev.tensile.dsl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.tensile.io.ModelFileException;
import dev.tensile.io.ModelFiles;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.plugins.report.HtmlReport;
import dev.tensile.plugins.report.SavedRun;
import dev.tensile.tribuo.TensileModel;

/**
 * {@code tensile report FILE.tensile}: the HTML training report of a model file or checkpoint, from the history it
 * holds (epochs, and in files of model format 4 the per-layer figures, warnings, evaluation and diagnosis), written
 * next to it as {@code FILE.report.html} (or {@code --out}; not {@code FILE.html}, which a script's
 * {@code callback 'report'} likely writes). Errors are one line, exit status 1.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the HTML training report of a model file or checkpoint.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A model file or checkpoint (.tensile).")
    Path file;

    @Option(names = {"-o", "--out"}, paramLabel = "HTML", description = "Where to write the page (default: FILE with .report.html).")
    Path out;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such model file");
            return 1;
        }
        PluginRegistry registry = plugins.discover();
        registry.problems().forEach(p -> System.err.println("warning: " + p));
        Path target = out != null ? out : htmlBeside(file);
        try {
            TensileModel model = ModelFiles.load(file, registry);
            HtmlReport.write(target, SavedRun.of(model, file.getFileName().toString()));
        } catch (ModelFileException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        System.out.println("wrote the report of " + file + " to " + target);
        return 0;
    }

    private static Path htmlBeside(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".report.html");
    }
}
