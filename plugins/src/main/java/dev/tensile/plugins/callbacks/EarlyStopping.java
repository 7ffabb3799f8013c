package dev.tensile.plugins.callbacks;

import java.util.ArrayList;
import java.util.List;

import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;

/**
 * Stops training when the monitored quantity has not improved for {@code patience} epochs in a row, and optionally
 * puts back the weights of the best epoch: the background text's "stop as you validate on the dev set, and use the
 * best one". Parameters: {@code monitor} ({@code dev-loss} (default), {@code dev-accuracy} or {@code train-loss};
 * the dev ones need a dev set), {@code patience} (default 5, at least 1), {@code minDelta} (default 0: an improvement
 * must beat the best by more than this) and {@code restoreBest} (default true: at the end of training, stopped early
 * or not, every parameter gets back the exact values it had at the end of the best epoch; false keeps the last).
 */
public final class EarlyStopping implements Callback {

    @Override
    public String name() {
        return "early-stopping";
    }

    @Override
    public String description() {
        return "stops when 'monitor' stops improving for 'patience' epochs; can restore the best epoch's weights";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Monitor.param(),
                Param.integer("patience", 5, 1, Integer.MAX_VALUE, "epochs without improvement before stopping"),
                Monitor.minDeltaParam(),
                Param.bool("restoreBest", true, "at the end, restore the weights of the best epoch"));
    }

    @Override
    public Listener create(Params params) {
        int patience = params.integer("patience");
        boolean restoreBest = params.bool("restoreBest");
        return new MonitorListener(new Monitor(name(), params.text("monitor"), params.real("minDelta"))) {
            private final List<float[]> best = new ArrayList<>();

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                if (monitor.update(log)) {
                    if (restoreBest) {
                        snapshot(ctx.parameters());
                    }
                } else if (monitor.sinceBest() >= patience) {
                    ctx.requestStop(String.format("early-stopping: %s has not improved for %d epochs (best %.6g at epoch %d)%s",
                            monitor.name(), monitor.sinceBest(), monitor.best(), monitor.bestEpoch(),
                            restoreBest ? "; restoring the weights of epoch " + monitor.bestEpoch() : ""));
                }
            }

            @Override
            public void onTrainEnd(TrainingContext ctx) {
                if (!restoreBest || best.isEmpty()) {
                    return;
                }
                List<Matrix> ps = ctx.parameters();
                for (int k = 0; k < ps.size(); k++) {
                    float[] v = ps.get(k).data();
                    System.arraycopy(best.get(k), 0, v, 0, v.length);
                }
            }

            private void snapshot(List<Matrix> ps) {
                if (best.isEmpty()) {
                    for (Matrix p : ps) {
                        best.add(new float[p.size()]);
                    }
                }
                for (int k = 0; k < ps.size(); k++) {
                    float[] v = ps.get(k).data();
                    System.arraycopy(v, 0, best.get(k), 0, v.length);
                }
            }
        };
    }
}
