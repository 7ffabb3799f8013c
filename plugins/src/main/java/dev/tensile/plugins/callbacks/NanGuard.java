package dev.tensile.plugins.callbacks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.google.inject.Inject;
import com.google.inject.Provider;

import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;
import dev.tensile.tensor.Matrix;

/**
 * Turns a NaN or an infinity from an error into a clean stop. The engine already stops at the first non-finite loss
 * or gradient and names the layer and step; with this callback the script goes on instead: training ends, the
 * message is printed, and with {@code restore} (default true) the weights go back to the end of the last epoch
 * that finished with a finite loss, so evaluation and saving still work. The message says which weights those are
 * (the epoch, or where a resumed run started); with no such epoch the run fails, as it would without the callback.
 */
public final class NanGuard implements Callback {
    @Inject
    private Provider<PrintStream> out;

    @Override
    public String name() {
        return "nan-guard";
    }

    @Override
    public String description() {
        return "stops cleanly at the first NaN/Inf (naming layer and step) and restores the last good epoch's weights";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.bool("restore", true, "go back to the weights at the end of the last good epoch"));
    }

    @Override
    public Listener create(Params params) {
        boolean restore = params.bool("restore");
        return new Listener() {
            private final List<float[]> good = new ArrayList<>();
            /** An epoch has ended with a finite loss (in this run, or before the checkpoint it resumed from). */
            private boolean anyGood;
            /** Which weights {@link #good} holds, in words. */
            private String goodOnes;

            @Override
            public void onTrainBegin(TrainingContext ctx) {
                anyGood = ctx.epochsDone() > 0;
                goodOnes = ctx.stepInEpoch() == 0 ? "the end of epoch " + ctx.epochsDone()
                        : "where the run resumed (epoch " + (ctx.epochsDone() + 1) + ", step " + ctx.stepInEpoch() + ")";
                save(ctx);
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                if (Double.isFinite(log.trainLoss()) && ctx.stepInEpoch() == 0) {
                    anyGood = true;
                    goodOnes = "the end of epoch " + log.epoch() + " (loss " + EpochLog.loss(log.trainLoss()) + ")";
                    save(ctx);
                }
            }

            @Override
            public boolean onNonFinite(TrainingContext ctx, NonFiniteException e) {
                out.get().println("nan-guard: " + e.getMessage());
                if (!anyGood) {
                    // nothing good to go back to: the run failed, and the script must not carry on as if it had not
                    out.get().println("nan-guard: no epoch ended with a finite loss, so there are no good weights to"
                            + " restore; the run failed");
                    return false;
                }
                if (restore) {
                    List<Matrix> ps = ctx.parameters();
                    for (int i = 0; i < ps.size(); i++) {
                        System.arraycopy(good.get(i), 0, ps.get(i).data(), 0, good.get(i).length);
                    }
                    out.get().println("nan-guard: restored the weights of " + goodOnes);
                }
                return true;
            }

            private void save(TrainingContext ctx) {
                if (!restore) {
                    return;
                }
                List<Matrix> ps = ctx.parameters();
                if (good.isEmpty()) {
                    for (Matrix p : ps) {
                        good.add(p.data().clone());
                    }
                } else {
                    for (int i = 0; i < ps.size(); i++) {
                        System.arraycopy(ps.get(i).data(), 0, good.get(i), 0, good.get(i).length);
                    }
                }
            }
        };
    }
}
