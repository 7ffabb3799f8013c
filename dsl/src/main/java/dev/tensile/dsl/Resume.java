package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.tribuo.Dataset;
import org.tribuo.VariableInfo;

import dev.tensile.data.Scaling;
import dev.tensile.io.Checkpoints;
import dev.tensile.io.RunRecord;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.train.TrainPlan;
import dev.tensile.train.TrainingState;

/**
 * Reads the checkpoint a {@code train { }} block continues from, refuses one that does not fit the script (model,
 * optimizer, scaling, the data's features, a mid-epoch position the new batch size cannot reach) and warns, in one
 * line each, about settings that differ: those the checkpoint fixes (the optimizer's settings and learning rate)
 * and those of the plan and command line that changed since it was written.
 */
final class Resume {
    private Resume() {
    }

    static Checkpoints.Checkpoint open(Path file, NetworkBuilder builder, ModelSpec spec, TrainPlan plan,
                                       Scaling.Kind scaling, Dataset<?> train, Map<String, String> overrides,
                                       java.io.PrintStream out) {
        Checkpoints.Checkpoint c = Checkpoints.load(file, builder);
        if (!c.model().spec().toString().equals(spec.toString())) {
            throw new DslException("cannot resume from " + file + ": its model (" + c.model().spec()
                    + ") is not the script's model { } (" + spec + ")");
        }
        if (!c.optimizer().name().equals(plan.optimizer().name())) {
            throw new DslException("cannot resume from " + file + ": it was trained with optimizer '"
                    + c.optimizer().name() + "', the train { } block says '" + plan.optimizer().name() + "'");
        }
        if (c.model().scaling().kind() != scaling) {
            throw new DslException("cannot resume from " + file + ": it was trained with scale '"
                    + c.model().scaling().kind().label() + "', the data { } block says '" + scaling.label() + "'");
        }
        checkFeatures(file, c, train);
        TrainingState state = position(file, c, plan, train.size(), out);
        warnAboutSettings(file, c, plan, overrides, out);
        return state == c.state() ? c : new Checkpoints.Checkpoint(c.model(), state, c.optimizer(), c.run());
    }

    /**
     * Tribuo drops features a model does not know, so data with other column names would train on all-zero inputs
     * and overwrite the checkpoint with chance-level weights: refuse it.
     */
    private static void checkFeatures(Path file, Checkpoints.Checkpoint c, Dataset<?> train) {
        Set<String> known = new TreeSet<>();
        for (VariableInfo v : c.model().getFeatureIDMap()) {
            known.add(v.getName());
        }
        Set<String> unknown = new TreeSet<>();
        for (VariableInfo v : train.getFeatureMap()) {
            if (!known.contains(v.getName())) {
                unknown.add(v.getName());
            }
        }
        if (!unknown.isEmpty()) {
            throw new DslException("cannot resume from " + file + ": the training data has features the model does not"
                    + " know (" + Text.list(unknown, 5) + "); the model's are " + Text.list(known, 5));
        }
    }

    /**
     * Where in the epoch to continue. A checkpoint written inside an epoch records how many batches of which size
     * it had taken; with another batch size the run continues at the same example when that falls on a batch
     * boundary, and is refused otherwise (skipping or repeating examples would change the run silently).
     */
    private static TrainingState position(Path file, Checkpoints.Checkpoint c, TrainPlan plan, int trainSize,
                                          java.io.PrintStream out) {
        TrainingState s = c.state();
        if (s.stepInEpoch() == 0) {
            return s;
        }
        Integer before = c.run() == null ? null : c.run().batchSize();
        int batch = before != null ? before : plan.batchSize();
        long examples = (long) s.stepInEpoch() * batch;
        if (examples >= trainSize) {
            throw new DslException("cannot resume from " + file + ": it says " + s.stepInEpoch() + " batches of "
                    + batch + " of epoch " + (s.epochsDone() + 1) + " were done, but the training set has only "
                    + trainSize + " examples");
        }
        if (batch == plan.batchSize()) {
            return s;
        }
        if (examples % plan.batchSize() != 0) {
            throw new DslException("cannot resume from " + file + ": it stopped inside epoch " + (s.epochsDone() + 1)
                    + " after " + examples + " examples (" + s.stepInEpoch() + " batches of " + batch + "), which is not"
                    + " a whole number of the train { } block's batches of " + plan.batchSize() + "; resume with batch "
                    + batch + ", or from a checkpoint written at an epoch's end");
        }
        int step = (int) (examples / plan.batchSize());
        out.printf("resume: continuing epoch %d at example %d with batches of %d (the checkpoint's run used %d)%n",
                s.epochsDone() + 1, examples + 1, plan.batchSize(), batch);
        return new TrainingState(s.epochsDone(), s.step(), s.order(), s.shuffle(), s.augment(), s.optimizer(),
                s.baseLearningRate(), step);
    }

    /** One warning for what the checkpoint fixes but the script says otherwise, one for what changed since. */
    private static void warnAboutSettings(Path file, Checkpoints.Checkpoint c, TrainPlan plan,
                                          Map<String, String> overrides, java.io.PrintStream out) {
        List<String> fixed = new ArrayList<>();
        for (Map.Entry<String, Object> e : plan.optimizer().params().entrySet()) {
            Object kept = c.optimizer().params().get(e.getKey());
            if (kept == null || !sameNumber(kept, e.getValue())) {
                fixed.add(e.getKey() + " " + (kept == null ? "its default" : Text.number(kept)) + " (the script says "
                        + Text.number(e.getValue()) + ")");
            }
        }
        if (!fixed.isEmpty()) {
            out.println("warning: " + file + " fixes the optimizer's settings, so the run continues with "
                    + String.join(", ", fixed) + "; start afresh to use the script's");
        }
        RunRecord r = c.run();
        if (r == null) {
            return;
        }
        List<String> changed = new ArrayList<>();
        compare(changed, "batch", r.batchSize(), plan.batchSize());
        compare(changed, "epochs", r.epochs(), plan.epochs());
        Object schedule = r.schedule() == null ? null : r.schedule().get("name");
        compare(changed, "schedule", schedule, plan.schedule().name());
        compare(changed, "warm-up epochs", r.warmupEpochs(), plan.warmupEpochs());
        compare(changed, "clip norm", r.clipNorm(), plan.clipNorm());
        compare(changed, "clip value", r.clipValue(), plan.clipValue());
        Map<String, String> before = r.overrides() == null ? Map.of() : r.overrides();
        if (!before.equals(overrides)) {
            changed.add("-P overrides " + Text.overrides(before) + " -> " + Text.overrides(overrides));
        }
        if (!changed.isEmpty()) {
            out.println("warning: this run differs from the one that wrote " + file + ": " + String.join(", ", changed));
        }
    }

    private static void compare(List<String> changed, String what, Object before, Object now) {
        if (before != null && !(before instanceof Number b && now instanceof Number n
                ? b.doubleValue() == n.doubleValue() : Objects.equals(before, now))) {
            changed.add(what + " " + Text.number(before) + " -> " + Text.number(now));
        }
    }

    private static boolean sameNumber(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y ? x.doubleValue() == y.doubleValue() : Objects.equals(a, b);
    }
}
