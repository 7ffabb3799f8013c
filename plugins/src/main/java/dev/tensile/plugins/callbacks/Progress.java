package dev.tensile.plugins.callbacks;

import java.io.PrintStream;
import java.util.List;

import com.google.inject.Inject;
import com.google.inject.Provider;

import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;

/**
 * Shows training as it goes. In a terminal, a bar redrawn in place at most ten times a second (epoch, batch, running
 * loss, samples/s, time left in the epoch); the epoch summary line after each epoch (every {@code every} epochs, and
 * always the last) in any case. Parameters: {@code every} (default 1), {@code bar} ({@code auto}: only when a
 * terminal is attached; {@code on}; {@code off}).
 */
public final class Progress implements Callback {
    private static final long REDRAW_NANOS = 100_000_000L;

    // ServiceLoader needs a public no-argument constructor, so Guice injects fields.
    @Inject
    private Provider<PrintStream> out;

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public String description() {
        return "a progress bar in a terminal (batch, loss, samples/s, ETA) and a summary line per epoch";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("every", 1, 1, Integer.MAX_VALUE, "print the summary every N epochs (and always the last)"),
                Param.choice("bar", "auto", List.of("auto", "on", "off"), "the live bar: auto shows it only in a terminal"));
    }

    @Override
    public Listener create(Params params) {
        int every = params.integer("every");
        String barMode = params.text("bar");
        boolean bar = barMode.equals("on") || (barMode.equals("auto") && System.console() != null);
        return new Listener() {
            private long epochStart;
            private long lastDraw;
            private int epoch;
            private int stepInEpoch;
            private double lossSum;
            private boolean drawn;

            @Override
            public void onEpochBegin(TrainingContext ctx, int e) {
                epoch = e;
                stepInEpoch = 0;
                lossSum = 0;
                epochStart = System.nanoTime();
            }

            @Override
            public void onBatchEnd(TrainingContext ctx, int step, double loss) {
                stepInEpoch++;
                lossSum += loss;
                long now = System.nanoTime();
                if (!bar || (now - lastDraw < REDRAW_NANOS && stepInEpoch < ctx.stepsPerEpoch())) {
                    return;
                }
                lastDraw = now;
                out.get().print("\r" + line(ctx, now));
                out.get().flush();
                drawn = true;
            }

            private String line(TrainingContext ctx, long now) {
                int steps = ctx.stepsPerEpoch();
                double seconds = (now - epochStart) / 1e9;
                double samples = (double) ctx.trainSize() * stepInEpoch / steps;
                double rate = seconds > 0 ? samples / seconds : 0;
                double eta = stepInEpoch > 0 ? seconds * (steps - stepInEpoch) / stepInEpoch : 0;
                int width = 24;
                int filled = (int) ((long) width * stepInEpoch / steps);
                String barText = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
                return String.format("epoch %d/%d [%s] %d/%d loss %s | %,.0f samples/s | ETA %d:%02d ", epoch,
                        ctx.epochs(), barText, stepInEpoch, steps, EpochLog.loss(lossSum / stepInEpoch), rate, (long) eta / 60, (long) eta % 60);
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                if (drawn) {
                    out.get().print("\r\033[K");
                    drawn = false;
                }
                int cutAt = ctx.stepInEpoch();
                if (cutAt > 0) {
                    // stopped inside the epoch: its figures cover only the batches it ran, and say so
                    out.get().println(log.format() + " | cut short after " + cutAt + " of " + ctx.stepsPerEpoch()
                            + " batches");
                } else if (log.epoch() % every == 0 || log.epoch() == ctx.epochs()) {
                    out.get().println(log.format());
                }
            }

            @Override
            public void onTrainEnd(TrainingContext ctx) {
                if (drawn) {
                    out.get().println();
                }
                if (ctx.stopRequested()) {
                    out.get().println("stopped early: " + ctx.stopReason());
                }
            }
        };
    }
}
