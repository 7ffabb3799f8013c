package dev.tensile.eval;

import java.util.List;

import org.tribuo.classification.evaluation.LabelEvaluation;

import dev.tensile.nn.NetworkBuilder;

/** The text a script or the shell prints for an evaluation and a model summary. */
public final class Reports {
    private Reports() {
    }

    /** A heading naming the data evaluated on, then Tribuo's report. */
    public static String evaluation(String which, int examples, LabelEvaluation e) {
        return "evaluation on the " + which + " set, " + examples + " examples:" + System.lineSeparator()
                + Evaluations.report(e) + System.lineSeparator();
    }

    /** A heading naming the data evaluated on, then Tribuo's RMSE, MAE and R² per output. */
    public static String evaluation(String which, int examples, org.tribuo.regression.evaluation.RegressionEvaluation e) {
        return "evaluation on the " + which + " set, " + examples + " examples:" + System.lineSeparator()
                + Evaluations.report(e) + System.lineSeparator();
    }

    /** One row per layer (outputs, parameters, initializer) under the input, then the total of parameters. */
    public static String summary(dev.tensile.spi.Shape input, List<NetworkBuilder.SummaryRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-40s %8s %10s  %s%n", "layer", "outputs", "params", "init"));
        sb.append(String.format("%-40s %8s %10s  %s%n", "input", input.compact(), "", ""));
        long total = 0;
        for (NetworkBuilder.SummaryRow r : rows) {
            sb.append(String.format("%-40s %8s %10s  %s%n", r.layer(), r.output().compact(), r.parameters() == 0 ? "" : r.parameters(), r.init()));
            total += r.parameters();
        }
        sb.append(String.format("total trainable parameters: %d%n", total));
        return sb.toString();
    }
}
