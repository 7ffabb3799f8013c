package dev.tensile.plugins.callbacks;

import java.nio.file.Path;
import java.util.List;

import dev.tensile.plugin.PluginException;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;

/**
 * Writes a checkpoint after epochs: the model file plus everything resuming needs (optimizer state, random streams,
 * example order, epoch, base learning rate; see {@code docs/model-format.md}), replaced atomically each time, so a
 * crash never leaves half a file. {@code resume 'file'} in a train block, or {@code ./tensile run x.groovy --resume
 * file}, continues the run exactly.
 *
 * <p>Parameters: {@code path} (default {@code checkpoint.tensile}; a relative path is taken next to the script),
 * {@code save} ({@code last}, the default: every {@code every} epochs and after the run's last epoch; {@code best}:
 * at those epochs, only when {@code monitor} improved on every earlier one), {@code monitor} (for {@code best}: {@code dev-loss}, the default, {@code dev-accuracy} or
 * {@code train-loss}), {@code every} (epochs between checkpoints, default 1, from 1).
 *
 * <p>The file is written by the run's checkpoint writer, which a script's session installs; plain Java training
 * has none (it saves with {@code dev.tensile.io.Checkpoints.save} after {@code fit}) and this callback says so.
 */
public final class Checkpoint implements Callback {

    @Override
    public String name() {
        return "checkpoint";
    }

    @Override
    public String description() {
        return "writes a resumable checkpoint (model, optimizer state, random streams) after epochs";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.text("path", "checkpoint.tensile", "checkpoint file, next to the script when relative"),
                Param.choice("save", "last", List.of("last", "best"), "last: every 'every' epochs; best: when monitor improves"),
                Monitor.param(),
                Param.integer("every", 1, 1, Integer.MAX_VALUE, "epochs between checkpoints"));
    }

    @Override
    public List<String> outputFiles(Params params) {
        return params.text("path").isBlank() ? List.of() : List.of(params.text("path"));
    }

    @Override
    public Listener create(Params params) {
        String path = params.text("path");
        if (path.isBlank()) {
            throw new PluginException("checkpoint needs a path, e.g. path: 'run.tensile'");
        }
        Path file = Path.of(path);
        boolean best = params.text("save").equals("best");
        int every = params.integer("every");
        return new MonitorListener(new Monitor("checkpoint", params.text("monitor"), 0)) {
            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLog log) {
                if (log.epoch() % every != 0 && log.epoch() != ctx.epochs()) {
                    return;
                }
                boolean cutShort = ctx.stepInEpoch() > 0;
                if (best && (cutShort || !monitor.update(log))) {
                    return; // an epoch cut short is not comparable with whole ones
                }
                try {
                    ctx.writeCheckpoint(file);
                } catch (IllegalStateException e) {
                    throw new PluginException("checkpoint: " + e.getMessage());
                }
            }
        };
    }
}
