package dev.tensile.plugins.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tensile.io.AtomicFiles;

/**
 * Turns {@link ReportData} into one self-contained HTML page: the template, Apache ECharts (from the
 * {@code org.webjars.npm:echarts} jar, inlined), the data as a JavaScript object literal and the glue script. The
 * page loads nothing from the network, so it opens from disk, offline, years later.
 */
public final class HtmlReport {
    /** The ECharts build inlined: the "common" bundle (line and bar charts, mark lines, log axes, SVG renderer). */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.common.min.js"; // the pom's echarts.version

    private static volatile String library;

    private HtmlReport() {
    }

    /** The whole page. */
    public static String render(ReportData data) {
        // Inside <script>, "</" could end the element early; JSON and JS both read "<\/" as "</".
        String json = data.toJson().replace("</", "<\\/");
        String[] parts = resource("dev/tensile/plugins/report/report.html").split("@(TITLE|ECHARTS|DATA|GLUE)@", -1);
        if (parts.length != 5) {
            throw new IllegalStateException("report.html must hold @TITLE@, @ECHARTS@, @DATA@ and @GLUE@ once each, in that order");
        }
        // One pass, in the template's order, so text in the data can never be taken for a placeholder.
        return parts[0] + escape(data.title()) + parts[1] + echarts() + parts[2] + json + parts[3]
                + resource("dev/tensile/plugins/report/report.js") + parts[4];
    }

    /** Writes the page to {@code file} atomically (a browser never reads half a page); one-line error on failure. */
    public static void write(Path file, ReportData data) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write the report " + file + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("cannot write the report " + file + ": a folder of that name exists");
        }
        byte[] bytes = render(data).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    private static String echarts() {
        String lib = library;
        if (lib == null) {
            lib = resource(ECHARTS);
            if (lib.contains("</script")) {
                throw new IllegalStateException(ECHARTS + " contains </script and cannot be inlined");
            }
            library = lib;
        }
        return lib;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report needs " + name + " on the class path (is the echarts webjar missing?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
