package dev.tensile.dsl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import dev.tensile.dsl.cli.TensileCli;

/** Runs a shipped example through the real command line, in-process, and reads what it printed and drew. */
final class Examples {
    static final Path DIR = Path.of("..", "examples");

    static {
        // The kernel logs its one start-up line when first used; have that happen before any output is captured.
        dev.tensile.kernel.GemmProvider.get();
    }

    private Examples() {
    }

    /** What a run printed, and its exit status. */
    record Result(int status, String out, String err) {
    }

    /** Runs {@code examples/NAME.groovy} with {@code -P} overrides; fails with the output unless it succeeded. */
    static String run(String name, String... properties) {
        Result r = runFile(DIR.resolve(name + ".groovy"), properties);
        assertThat(r.status()).as("exit status of %s; stdout:%n%s%nstderr:%n%s", name, r.out(), r.err()).isZero();
        return r.out();
    }

    /** Runs any script file through the command line with {@code -P} overrides. */
    static Result runFile(Path script, String... properties) {
        List<String> args = new ArrayList<>(List.of("run", script.toString()));
        for (String p : properties) {
            args.add("-P" + p);
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = TensileCli.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The first line of {@code out} that starts with {@code prefix}. */
    static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
    }

    /** The numbers of a line (Infinity and NaN included), in order. */
    static List<Double> numbers(String line) {
        Matcher m = Pattern.compile("-?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|Infinity|NaN)").matcher(line);
        List<Double> xs = new ArrayList<>();
        while (m.find()) {
            xs.add(Double.parseDouble(m.group()));
        }
        return xs;
    }

    /** The number after {@code label} in {@code out}, e.g. {@code first infinite output at layer 32}. */
    static double after(String out, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*(-?\\d+\\.?\\d*(?:[eE][-+]?\\d+)?)").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no number after '" + label + "' in:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * A real picture: a PNG of a plausible size that decodes, is not blank (a good share of its pixels are not
     * the background) and uses many colours (lines, regions, text with anti-aliasing).
     */
    static BufferedImage assertPicture(Path png, int minWidth, int minHeight) throws IOException {
        assertThat(png).exists();
        assertThat(Files.size(png)).as("size of %s", png).isBetween(5_000L, 400_000L);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("%s decodes as an image", png).isNotNull();
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(minWidth);
        assertThat(img.getHeight()).isGreaterThanOrEqualTo(minHeight);
        int background = img.getRGB(0, 0);
        Set<Integer> colours = new HashSet<>();
        long other = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    other++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(30);
        assertThat((double) other / ((long) img.getWidth() * img.getHeight())).as("share of non-background pixels in %s", png)
                .isGreaterThan(0.03);
        try (var files = Files.list(png.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left").noneMatch(n -> n.endsWith(".tmp"));
        }
        return img;
    }
}
