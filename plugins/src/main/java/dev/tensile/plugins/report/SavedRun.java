package dev.tensile.plugins.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;

import org.tribuo.provenance.ModelProvenance;

import dev.tensile.nn.NetworkBuilder;
import dev.tensile.train.RunJournal;
import dev.tensile.tribuo.NetworkModel;

/**
 * The report of a trained or loaded model after the fact ({@code tensile report FILE}): its epoch history, model
 * summary and provenance (hyperparameters, plugins, seed, and the kernel, JVM and OS it was trained on). A model file
 * holds no per-layer figures, evaluation or diagnosis; the page says so.
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
        return new ReportData().title("Tensile training report: " + source)
                .status("from " + source + ": " + epochs + " epoch" + (epochs == 1 ? "" : "s") + " of history")
                .epochs(model.history().epochs()).summary(summary).provenance(provenance).machine(machine)
                .layerNote("Per-layer figures are taken while a run with callback 'report' trains; a model file does"
                        + " not hold them, nor the evaluation or diagnosis.");
    }

    private static void put(Map<String, String> out, Map<String, ? extends Provenance> from) {
        from.forEach((k, v) -> out.put(k, v instanceof PrimitiveProvenance<?> p ? String.valueOf(p.getValue()) : String.valueOf(v)));
    }
}
