package dev.tensile.dsl.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes charts as one PNG, panels laid out in rows of {@code columns}. The image goes to a temporary file in the
 * target folder first and is then moved over the target, so a reader never sees half a file.
 */
public final class PngFiles {
    /** The height of the band a heading takes above the panels, in pixels. */
    public static final int HEADING = 32;

    private PngFiles() {
    }

    /**
     * Charts are drawn off screen: unless the user chose otherwise, AWT runs headless, so plotting works without a
     * display. Call before the first chart is built (fonts and colours may start AWT).
     */
    public static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static Path write(List<? extends Chart<?, ?>> charts, int columns, Path target) {
        return write(charts, columns, null, target);
    }

    /** @param heading a title over all panels, in a band of {@link #HEADING} pixels above them; null for none */
    public static Path write(List<? extends Chart<?, ?>> charts, int columns, String heading, Path target) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        int cols = Math.max(1, Math.min(columns, charts.size()));
        int rows = (charts.size() + cols - 1) / cols;
        int w = charts.get(0).getWidth();
        int h = charts.get(0).getHeight();
        int top = heading == null ? 0 : HEADING;
        BufferedImage image = new BufferedImage(w * cols, top + h * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % cols) * w, top + (i / cols) * h, null);
        }
        if (heading != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            int textWidth = g.getFontMetrics().stringWidth(heading);
            g.drawString(heading, Math.max(4, (image.getWidth() - textWidth) / 2), HEADING - 10);
        }
        g.dispose();
        return write(image, target);
    }

    static Path write(BufferedImage image, Path target) {
        Path file = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed; either way nothing more to do
                }
            }
        }
    }
}
