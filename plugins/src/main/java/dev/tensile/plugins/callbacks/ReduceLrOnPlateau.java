package dev.tensile.plugins.callbacks;

import java.util.List;

import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;

/**
 * Multiplies the base learning rate by {@code factor} when the monitored quantity has not improved for
 * {@code patience} epochs in a row, never going below {@code minLr}; the count then starts again, so a long
 * plateau lowers the rate once every {@code patience} epochs. It changes the base rate
 * ({@link TrainingContext#setBaseLearningRate}), which a learning-rate schedule then scales: with the constant
 * schedule that is the rate the optimizer uses. Parameters: {@code monitor} ({@code dev-loss}
 * (default), {@code dev-accuracy} or {@code train-loss}), {@code factor} (default 0.1, in [0.001, 0.999]),
 * {@code patience} (default 3, at least 1), {@code minDelta} (default 0) and {@code minLr} (default 0, at least 0; a
 * floor on the base rate). The new rate applies from the next epoch on.
 */
public final class ReduceLrOnPlateau implements Callback {

    @Override
    public String name() {
        return "reduce-lr-on-plateau";
    }

    @Override
    public String description() {
        return "multiplies the learning rate by 'factor' after 'patience' epochs without improvement";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Monitor.param(),
                Param.real("factor", 0.1, 0.001, 0.999, "multiplier applied to the learning rate on a plateau"),
                Param.integer("patience", 3, 1, Integer.MAX_VALUE, "epochs without improvement before reducing"),
                Monitor.minDeltaParam(),
                Param.real("minLr", 0, 0, Double.MAX_VALUE, "the learning rate is never reduced below this"));
    }

    @Override
    public Listener create(Params params) {
        double factor = params.real("factor");
        int patience = params.integer("patience");
        double minLr = params.real("minLr");
        return new MonitorListener(new Monitor(name(), params.text("monitor"), params.real("minDelta"))) {
            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                if (!monitor.update(log) && monitor.sinceBest() >= patience) {
                    ctx.setBaseLearningRate(Math.max(minLr, ctx.baseLearningRate() * factor));
                    monitor.restartCount();
                }
            }
        };
    }
}
