package dev.tensile.plugins.callbacks;

import java.io.PrintStream;
import java.util.List;

import com.google.inject.Inject;
import com.google.inject.Provider;

import dev.tensile.spi.Callback;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.train.EpochLog;
import dev.tensile.train.TrainingContext;

/** Prints one line per epoch (every {@code every} epochs): losses, accuracies, learning rate and time. */
public final class Progress implements Callback {
    // ServiceLoader needs a public no-argument constructor, so Guice injects fields.
    @Inject
    private Provider<PrintStream> out;

    @Override
    public String name() {
        return "progress";
    }

    @Override
    public String description() {
        return "prints loss, accuracy, learning rate and time after each epoch";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.integer("every", 1, 1, Integer.MAX_VALUE, "print every N epochs (and always the last)"));
    }

    @Override
    public Listener create(Params params) {
        int every = params.integer("every");
        return new Listener() {
            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                if (log.epoch() % every == 0 || log.epoch() == ctx.epochs()) {
                    out.get().println(log.format());
                }
            }

            @Override
            public void onTrainEnd(TrainingContext ctx) {
                if (ctx.stopRequested()) {
                    out.get().println("stopped early: " + ctx.stopReason());
                }
            }
        };
    }
}
