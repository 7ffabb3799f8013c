package dev.tensile.plugins.callbacks;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import com.google.inject.Inject;
import com.google.inject.Provider;

import dev.tensile.spi.Callback;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;

/**
 * Times training with the injected {@link Clock}: at the end prints the total time and the mean per epoch, and with
 * {@code maxSeconds} > 0 stops training after the first batch that ends past that budget. Parameter:
 * {@code maxSeconds} (default 0 = no limit, at least 0).
 */
public final class Timer implements Callback {
    @Inject
    private Provider<PrintStream> out;
    @Inject
    private Clock clock;

    @Override
    public String name() {
        return "timer";
    }

    @Override
    public String description() {
        return "prints the training time; stops training after 'maxSeconds' if set";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("maxSeconds", 0, 0, Double.MAX_VALUE, "time budget in seconds; 0 means none"));
    }

    @Override
    public Listener create(Params params) {
        double maxSeconds = params.real("maxSeconds");
        return new Listener() {
            private long start;

            private double elapsed() {
                return (clock.millis() - start) / 1000.0;
            }

            @Override
            public void onTrainBegin(TrainingContext ctx) {
                start = clock.millis();
            }

            @Override
            public void onBatchEnd(TrainingContext ctx, int step, double loss) {
                if (maxSeconds > 0 && !ctx.stopRequested() && elapsed() >= maxSeconds) {
                    ctx.requestStop(String.format("timer: the budget of %.4gs is used up (%.4gs elapsed)", maxSeconds, elapsed()));
                }
            }

            @Override
            public void onTrainEnd(TrainingContext ctx) {
                double total = elapsed();
                int epochs = ctx.history().size();
                out.get().printf("training took %.2fs (%d epochs, %.3fs per epoch)%n", total, epochs,
                        epochs == 0 ? 0 : total / epochs);
            }
        };
    }
}
