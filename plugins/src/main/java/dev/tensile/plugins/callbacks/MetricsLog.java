package dev.tensile.plugins.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tensile.plugin.PluginException;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;

/**
 * Writes one record per epoch to {@code path}: CSV with a header, or JSON Lines (one object per line, Jackson).
 * Fields: epoch, train_loss, train_accuracy, dev_loss, dev_accuracy, learning_rate, gradient_norm, seconds; values
 * that do not apply (no dev set, regression) are empty in CSV and null in JSON. Each line is flushed as it is
 * written, so the file can be followed while training runs. Parameters: {@code path} (required),
 * {@code format} ({@code csv} or {@code jsonl}; default: from the file's extension, else csv).
 */
public final class MetricsLog implements Callback {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "metrics-log";
    }

    @Override
    public String description() {
        return "writes each epoch's losses, accuracies, learning rate and time to a CSV or JSON Lines file";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.text("path", "", "file to write (required)"),
                Param.choice("format", "auto", List.of("auto", "csv", "jsonl"), "csv or jsonl; auto goes by the extension"));
    }

    @Override
    public Listener create(Params params) {
        String path = params.text("path");
        if (path.isBlank()) {
            throw new PluginException("metrics-log needs path: 'file.csv' (or .jsonl)");
        }
        String format = params.text("format");
        boolean jsonl = format.equals("jsonl") || (format.equals("auto") && path.endsWith(".jsonl"));
        Path file = Path.of(path);
        return new Listener() {
            private BufferedWriter writer;

            @Override
            public void onTrainBegin(TrainingContext ctx) {
                try {
                    if (file.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(file.toAbsolutePath().getParent());
                    }
                    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    if (!jsonl) {
                        line("epoch,train_loss,train_accuracy,dev_loss,dev_accuracy,learning_rate,gradient_norm,seconds");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("metrics-log: cannot write " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("epoch", log.epoch());
                r.put("train_loss", num(log.trainLoss()));
                r.put("train_accuracy", num(log.trainAccuracy()));
                r.put("dev_loss", num(log.devLoss()));
                r.put("dev_accuracy", num(log.devAccuracy()));
                r.put("learning_rate", num(log.learningRate()));
                r.put("gradient_norm", num(log.gradientNorm()));
                r.put("seconds", num(log.seconds()));
                try {
                    if (jsonl) {
                        line(JSON.writeValueAsString(r));
                    } else {
                        StringBuilder sb = new StringBuilder();
                        for (Object v : r.values()) {
                            if (sb.length() > 0) {
                                sb.append(',');
                            }
                            sb.append(v == null ? "" : v);
                        }
                        line(sb.toString());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("metrics-log: cannot write " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void onTrainEnd(TrainingContext ctx) {
                try {
                    if (writer != null) {
                        writer.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("metrics-log: cannot close " + file + ": " + e.getMessage(), e);
                }
            }

            private void line(String s) throws IOException {
                writer.write(s);
                writer.newLine();
                writer.flush();
            }
        };
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
