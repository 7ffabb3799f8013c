package dev.tensile.plugins.callbacks;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.inject.Inject;

import dev.tensile.eval.Diagnosis;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugins.report.HtmlReport;
import dev.tensile.plugins.report.Machine;
import dev.tensile.plugins.report.ReportData;
import dev.tensile.spi.Callback;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.LayerStats;
import dev.tensile.spi.NonFiniteException;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.RunJournal;

/**
 * Writes the training report: one self-contained HTML page (charts inlined, no network access) that is rewritten
 * atomically as the run goes, so a browser left open on it follows the run (the page reloads itself every few
 * seconds while the run writes it). It shows loss and accuracy per epoch (train and dev), learning rate, epoch time;
 * per layer over the steps, activation mean and std and weight-gradient norm (what {@code gradient-monitor} measures)
 * with the monitor's checks marked where they fire; and, from the run's journal, the model summary, hyperparameters
 * and plugins, seed, machine and kernel, and after training the last evaluation's confusion matrix and the
 * bias/variance diagnosis when the script asks for them.
 *
 * <p>Parameters: {@code path} (default {@code report.html}; a relative path is taken next to the script),
 * {@code every} (steps between per-layer samples, default 10, from 1), {@code minSeconds} (least time between two
 * rewrites during an epoch-by-epoch run, default 1, from 0: a fast run does not spend its time writing pages; the
 * first and last epochs and every event after training are always written), and the monitor's thresholds
 * {@code explodeStd} (1e3), {@code vanishStd} (1e-5), {@code vanishRatio} (1e-4), as {@code gradient-monitor}
 * documents them.
 */
public final class Report implements Callback {
    @Inject
    private RunJournal journal;
    @Inject
    private Clock clock;

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String description() {
        return "writes a self-contained HTML training report (charts, layers, evaluation, provenance), updated every epoch";
    }

    @Override
    public List<Param> parameters() {
        List<Param> ps = new ArrayList<>();
        ps.add(Param.text("path", "report.html", "the HTML file, next to the script when relative"));
        ps.add(Param.integer("every", 10, 1, Integer.MAX_VALUE, "steps between per-layer samples"));
        ps.add(Param.real("minSeconds", 1, 0, Double.MAX_VALUE, "least time between two rewrites while training"));
        ps.addAll(SignalChecks.parameters());
        return ps;
    }

    @Override
    public List<String> outputFiles(Params params) {
        return params.text("path").isBlank() ? List.of() : List.of(params.text("path"));
    }

    @Override
    public Listener create(Params params) {
        String path = params.text("path");
        if (path.isBlank()) {
            throw new PluginException("report needs a path, e.g. path: 'run.html'");
        }
        return new Writer(path, params.integer("every"), (long) (params.real("minSeconds") * 1000),
                SignalChecks.of(params));
    }

    /** One run's report. */
    private final class Writer implements Listener, RunJournal.Follower {
        private final String path;
        private final int every;
        private final long minMillis;
        private final SignalChecks checks;
        private final ReportData data = new ReportData();
        private final Set<String> marked = new HashSet<>();
        private List<EpochLog> earlier = List.of();
        private Path file;
        private long lastWrite = Long.MIN_VALUE;

        Writer(String path, int every, long minMillis, SignalChecks checks) {
            this.path = path;
            this.every = every;
            this.minMillis = minMillis;
            this.checks = checks;
        }

        @Override
        public int diagnosticsEvery() {
            return every;
        }

        @Override
        public void onTrainBegin(TrainingContext ctx) {
            RunJournal.Run run = journal.current();
            file = journal.resolve(path);
            earlier = run.earlier();
            data.provenance(run.provenance()).summary(run.summary()).machine(Machine.describe()).live(true)
                    .epochs(earlier).status("training: " + ctx.epochs() + " epochs, " + ctx.stepsPerEpoch()
                            + " steps each, " + ctx.trainSize() + " training examples");
            journal.follow(this);
            write(true);
        }

        @Override
        public void onDiagnostics(TrainingContext ctx, int step, List<LayerStats> layers) {
            data.sample(step, layers);
            for (SignalChecks.Finding f : checks.check(step, layers)) {
                if (marked.add(f.kind())) { // marked once per kind, as the monitor warns
                    data.mark(new ReportData.Mark(ctx.epochsDone() + 1, step, f.kind(), f.layer(), f.message()));
                    ctx.recordWarning(step, f.kind(), f.layer(), f.message());
                }
            }
        }

        @Override
        public void onEpochEnd(TrainingContext ctx, EpochLog log) {
            List<EpochLog> all = new ArrayList<>(earlier);
            all.addAll(ctx.history());
            data.epochs(all).status("training: epoch " + log.epoch() + " of " + ctx.epochs() + " done");
            write(log.epoch() == ctx.epochs());
        }

        @Override
        public boolean onNonFinite(TrainingContext ctx, NonFiniteException e) {
            data.status("stopped: " + e.getMessage()).live(false);
            write(true);
            return false;
        }

        @Override
        public void onTrainEnd(TrainingContext ctx) {
            List<EpochLog> all = new ArrayList<>(earlier);
            all.addAll(ctx.history());
            String done = "finished after " + all.size() + " epochs";
            data.epochs(all).live(false)
                    .status(ctx.stopRequested() ? done + "; stopped: " + ctx.stopReason() : done);
            write(true);
        }

        @Override
        public void evaluated(RunJournal.Evaluation evaluation) {
            data.evaluation(evaluation);
            write(true);
        }

        @Override
        public void diagnosed(Diagnosis diagnosis) {
            data.diagnosis(diagnosis);
            write(true);
        }

        private void write(boolean always) {
            long now = clock.millis();
            if (!always && lastWrite != Long.MIN_VALUE && now - lastWrite < minMillis) {
                return;
            }
            try {
                HtmlReport.write(file, data);
            } catch (IllegalArgumentException e) {
                throw new PluginException("report: " + e.getMessage(), e);
            }
            lastWrite = now;
        }
    }
}
