package dev.tensile.dsl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tensile.dsl.cli.TensileCli;

/** Runs the real command line in-process and captures what it prints. */
final class ScriptHarness {
    /** The repository's shipped examples, seen from a module's folder (where surefire runs). */
    static final Path EXAMPLES = Path.of("..", "examples");

    record Result(int status, String out, String err) {
    }

    static {
        // The kernel logs its one start-up line when first used; have that happen before any stderr is captured.
        dev.tensile.kernel.GemmProvider.get();
    }

    private ScriptHarness() {
    }

    static Result tensile(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = TensileCli.execute(args);
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The accuracy figure from Tribuo's evaluation report. */
    static double accuracy(String out) {
        return out.lines().filter(l -> l.startsWith("Accuracy")).map(l -> l.replaceAll("[^0-9.]", ""))
                .mapToDouble(Double::parseDouble).findFirst()
                .orElseThrow(() -> new AssertionError("no Accuracy line in:\n" + out));
    }
}
