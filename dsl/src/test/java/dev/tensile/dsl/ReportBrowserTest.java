package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart with {@code callback 'report'} (and a diagnosis) writes a page that a real browser renders: no
 * console errors, every chart drawn with its data, the evaluation, diagnosis and summary tables filled, and a
 * screenshot that is a picture. Skips, saying so, where Debian's chromium is not installed ({@code .ci/run}
 * installs it).
 */
class ReportBrowserTest {
    private static final String[] CHARTS = {"loss", "accuracy", "lr", "time", "std", "grad", "mean"};

    @Test
    void theQuickstartsReportRendersInChromium(@TempDir Path dir) throws Exception {
        Path examples = ScriptHarness.EXAMPLES.toAbsolutePath().normalize();
        String script = Files.readString(examples.resolve("quickstart.groovy"))
                .replace("'data/spirals.csv'", "'" + examples.resolve("data/spirals.csv") + "'")
                .replace("callback 'progress', every: 10", "callback 'progress', every: 10\n    callback 'report', path: 'quickstart.html'")
                + "diagnose humanError: 0.01\n";
        assertThat(script).contains("callback 'report'");
        ScriptHarness.Result r = ScriptHarness.tensile("run", ScriptHarness.write(dir, "quickstart.groovy", script).toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        Path page = dir.resolve("quickstart.html");
        String html = Files.readString(page);
        // self-contained: every script is inline and no element outside them loads anything
        assertThat(html).doesNotContainPattern("<script[^>]*\\ssrc\\s*=");
        String markup = html.replaceAll("(?s)<script>.*?</script>", "<script></script>");
        assertThat(markup).doesNotContainPattern("<(link|img|iframe)[^>]*\\s(src|href)\\s*=");
        assertThat(markup).containsPattern("(?s)(<script></script>.*){3}");
        // kept for people to look at (target/ of the dsl module)
        Path keep = Files.createDirectories(Path.of("target", "report-browser"));
        Files.copy(page, keep.resolve("quickstart.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Chromium chromium = Chromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium): browser test skipped");

        Chromium.Run dom = chromium.run(Files.createDirectory(dir.resolve("profile1")), page, "--dump-dom");
        assertThat(dom.console()).as("console messages").isEmpty();
        String d = dom.stdout();
        for (String id : CHARTS) {
            assertThat(chartDom(d, id)).as("chart %s", id).contains("<svg").contains("<path");
        }
        // the loss chart draws the 60 epochs of train and of dev loss as two polylines of 60 points
        assertThat(longestPolyline(chartDom(d, "loss"))).isGreaterThanOrEqualTo(60);
        assertThat(chartDom(d, "loss")).contains(">train<").contains(">dev<");
        // per-layer curves: one line per layer of the network, sampled every 10 of the 840 steps
        assertThat(chartDom(d, "std")).contains("layer 1 (dense 64)").contains("layer 3 (output 3)");
        assertThat(longestPolyline(chartDom(d, "std"))).isGreaterThanOrEqualTo(80);
        assertThat(d).contains("predicted red").contains("On the test set: accuracy")
                .contains("human-level error").contains("total trainable parameters")
                .contains("4547").contains("he-normal").contains("seed");

        Path png = dir.resolve("report.png");
        chromium.run(Files.createDirectory(dir.resolve("profile2")), page, "--screenshot=" + png, "--hide-scrollbars");
        Files.copy(png, keep.resolve("quickstart.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        Set<Integer> colors = new HashSet<>();
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colors.add(rgb);
                if (rgb != 0xffffff && rgb != 0xfafafa) {
                    nonWhite++;
                }
            }
        }
        assertThat(colors.size()).as("distinct colours in the screenshot").isGreaterThan(50);
        assertThat(nonWhite).as("drawn pixels (of every fourth)").isGreaterThan(img.getWidth() * img.getHeight() / 4 / 50);
    }

    /** The markup inside the chart div with this id (up to the next chart). */
    private static String chartDom(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertThat(start).as("chart div %s in the DOM", id).isPositive();
        int end = dom.indexOf("class=\"chart\"", start + 1);
        int section = dom.indexOf("<h2", start + 1);
        int stop = end < 0 ? section : section < 0 ? end : Math.min(end, section);
        return dom.substring(start, stop < 0 ? dom.length() : stop);
    }

    /** The most points in one SVG path (M x y followed by L x y segments). */
    private static int longestPolyline(String svg) {
        Matcher m = Pattern.compile("<path d=\"([^\"]*)\"").matcher(svg);
        int best = 0;
        while (m.find()) {
            best = Math.max(best, m.group(1).split("[ML]").length - 1);
        }
        return best;
    }
}
