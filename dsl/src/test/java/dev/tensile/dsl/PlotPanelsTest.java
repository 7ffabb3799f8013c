package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;

import dev.tensile.dsl.plot.PngFiles;
import dev.tensile.plugin.PluginRegistry;

/**
 * The panels {@code plot} draws, rendered as XChart lays them out: titles of several models' panels, where the
 * boundary's legend goes, and the tick labels (read from XChart's own layout after painting).
 */
class PlotPanelsTest {
    @TempDir
    Path dir;

    private static final String SPIRALS = ScriptHarness.EXAMPLES.resolve("data/spirals.csv").toAbsolutePath().toString();

    private final ScriptRunner runner = new ScriptRunner(new Session(PluginRegistry.discover(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Path.of("").toAbsolutePath(), null,
            Map.of()));

    private void trainTwo() {
        runner.run("data { train csv('" + SPIRALS + "', response: 'arm'); dev 0.2 }\n"
                + "model { input 2; dense 16, activation: 'relu'; output 3 }\n"
                + "train { epochs 3; seed 1 }\nsmall = trainedModel()\n"
                + "model { input 2; dense 32, activation: 'relu'; output 3 }\n"
                + "train { epochs 3; seed 1 }\nlarge = trainedModel()\n", "two.groovy");
    }

    @Test
    void severalPanelsAreNamedByTheirModelsAndTheTitleHeadsThePicture() throws Exception {
        trainTwo();
        PlotAction plot = new PlotAction(runner.session());
        Map<String, Object> models = Map.of("models", runner.run("[small: small, large: large]", "m.groovy"));
        List<XYChart> panels = plot.charts("loss", Map.of("models", models.get("models"), "title", "width"));
        assertThat(panels).extracting(XYChart::getTitle).containsExactly("small", "large");
        assertThat(plot.charts("loss", Map.of("title", "one run"))).extracting(XYChart::getTitle).containsExactly("one run");

        runner.run("plot 'loss', models: [small: small, large: large], title: 'width', to: '"
                + dir.resolve("loss.png") + "'\n", "p.groovy");
        var image = ImageIO.read(dir.resolve("loss.png").toFile());
        assertThat(image.getWidth()).isEqualTo(2 * 520);
        assertThat(image.getHeight()).isEqualTo(PngFiles.HEADING + 400);
        int dark = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < PngFiles.HEADING; y++) {
                dark += (image.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertThat(dark).as("the heading's text is drawn above the panels").isGreaterThan(20);
    }

    @Test
    void theBoundaryLegendLiesOutsideThePlotAndTicksReadAsNumbers() throws Exception {
        trainTwo();
        XYChart chart = new PlotAction(runner.session()).charts("boundary", Map.of()).get(0);
        BitmapEncoder.getBufferedImage(chart); // lays the chart out
        Rectangle2D legend = ((org.knowm.xchart.internal.chartpart.ChartPart) field(chart, "legend")).getBounds();
        Rectangle2D plot = ((org.knowm.xchart.internal.chartpart.ChartPart) field(chart, "plot")).getBounds();
        assertThat(legend.getHeight()).isPositive();
        assertThat(legend.intersects(plot)).as("legend %s, plot %s", legend, plot).isFalse();
        List<String> labels = new java.util.ArrayList<>(tickLabels(chart, "xAxis"));
        labels.addAll(tickLabels(chart, "yAxis"));
        assertThat(labels).isNotEmpty().allMatch(l -> l.matches("-?(0|[1-9]\\d*)(\\.\\d+)?"), "a number with a digit"
                + " before any point").noneMatch(l -> l.equals("-0"));
        assertThat(labels).contains("0", "-0.5", "0.5");

        XYChart loss = new PlotAction(runner.session()).charts("loss", Map.of()).get(0);
        BitmapEncoder.getBufferedImage(loss);
        assertThat(tickLabels(loss, "yAxis")).allMatch(l -> l.matches("(0|[1-9]\\d*)(\\.\\d+)?"));
    }

    private static List<String> tickLabels(XYChart chart, String axis) throws Exception {
        Axis<?, ?> a = (Axis<?, ?>) field(field(chart, "axisPair"), axis);
        return ((org.knowm.xchart.internal.chartpart.AxisTickCalculator_) a.getAxisTickCalculator()).getTickLabels();
    }

    /** XChart keeps its laid-out parts in fields without public getters. */
    private static Object field(Object o, String name) throws Exception {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
