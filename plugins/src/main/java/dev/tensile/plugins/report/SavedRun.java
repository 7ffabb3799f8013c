package dev.tensile.plugins.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;

import org.tribuo.provenance.ModelProvenance;

import dev.tensile.nn.NetworkBuilder;
import dev.tensile.train.Observations;
import dev.tensile.train.RunJournal;
import dev.tensile.tribuo.NetworkModel;

/**
 * The report of a trained or loaded model after the fact ({@code tensile report FILE}): its epoch history, model
 * summary and provenance (hyperparameters, plugins, seed, and the kernel, JVM and OS it was trained on), and what its
 * history observed: the per-layer figures and monitor warnings of the run, the last evaluation and the diagnosis. A
 * section the file does not hold (an older file, or a run that measured none) says so on the page.
 */
public final class SavedRun {
    private static final List<String> MACHINE_KEYS = List.of("kernel", "java", "os");

    private SavedRun() {
    }

    public static ReportData of(NetworkModel<?> model, String source) {
        Map<String, String> provenance = new LinkedHashMap<>();
        Map<String, String> machine = new LinkedHashMap<>();
        ModelProvenance mp = model.getProvenance();
        put(provenance, mp.getTrainerProvenance().getConfiguredParameters());
        put(provenance, mp.getInstanceProvenance().getMap());
        if (mp.getTrainingTime() != null) {
            provenance.put("trainedAt", mp.getTrainingTime().toString());
        }
        for (String k : MACHINE_KEYS) {
            String v = provenance.remove(k);
            if (v != null) {
                machine.put(k, v);
            }
        }
        List<RunJournal.SummaryLine> summary = new ArrayList<>();
        for (NetworkBuilder.SummaryRow r : model.summary()) {
            summary.add(new RunJournal.SummaryLine(r.layer(), r.output().size(), r.parameters(), r.init()));
        }
        int epochs = model.history().epochs().size();
        ReportData data = new ReportData().title("Tensile training report: " + source)
                .status("from " + source + ": " + epochs + " epoch" + (epochs == 1 ? "" : "s") + " of history")
                .epochs(model.history().epochs()).summary(summary).provenance(provenance).machine(machine);
        Observations o = model.history().observations();
        for (Observations.Sample s : o.samples()) {
            data.sample(s.step(), s.layers());
        }
        for (Observations.Warning w : o.warnings()) {
            data.mark(new ReportData.Mark(w.epoch(), w.step(), w.kind(), w.layer(), w.message()));
        }
        data.evaluation(o.evaluation()).diagnosis(o.diagnosis());
        if (o.samples().isEmpty()) {
            data.layerNote(source + " holds no per-layer figures: they are kept when a run measures them (callback"
                    + " 'report' or 'gradient-monitor'), in files of model format 4 and later.");
        }
        if (o.evaluation() == null) {
            data.evaluationNote(source + " holds no evaluation: it was saved before evaluate() (or trained since), or"
                    + " by a Tensile of model format 3 or earlier, or the model is a regressor.");
        }
        if (o.diagnosis() == null) {
            data.diagnosisNote(source + " holds no diagnosis: it was saved before diagnose (or trained since), or by a"
                    + " Tensile of model format 3 or earlier.");
        }
        return data;
    }

    private static void put(Map<String, String> out, Map<String, ? extends Provenance> from) {
        from.forEach((k, v) -> out.put(k, v instanceof PrimitiveProvenance<?> p ? String.valueOf(p.getValue()) : String.valueOf(v)));
    }
}
