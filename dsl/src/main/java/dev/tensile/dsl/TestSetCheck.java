package dev.tensile.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;

import dev.tensile.Printable;
import dev.tensile.data.Source;

/**
 * A {@code data { }} block's test source against its training source, as soon as both are given, so that a test
 * set the model could not be evaluated on is said at the data block's line instead of after training: a class the
 * training data does not have, and (for sources of named columns, such as CSV files) a column only one of them has;
 * for images, a different shape.
 */
final class TestSetCheck {
    /** Names listed in a message before "... (N more)". */
    private static final int SHOWN = 8;

    private TestSetCheck() {
    }

    @SuppressWarnings("unchecked")
    static void check(Source<?> train, Source<?> test) {
        if (train.regression() != test.regression()) {
            return; // said by DataSplits, with the task: option to give
        }
        String theTest = "the test set (" + test.description() + ")";
        String theTraining = "the training data (" + train.description() + ")";
        if (train.response() != null && test.response() != null) {
            Set<String> trained = featureNames(train);
            Set<String> tested = featureNames(test);
            List<String> unknown = minus(tested, trained);
            if (!unknown.isEmpty()) {
                throw new DslException(theTest + " has column" + plural(unknown) + " " + shown(unknown) + ", which "
                        + theTraining + " does not have");
            }
            List<String> missing = minus(trained, tested);
            if (!missing.isEmpty()) {
                throw new DslException(theTest + " lacks column" + plural(missing) + " " + shown(missing) + " of "
                        + theTraining);
            }
        } else if (train.isImage() && test.shape() != null && !test.shape().equals(train.shape())) {
            throw new DslException(theTest + " has examples of shape " + test.shape() + ", " + theTraining + " "
                    + train.shape());
        }
        if (!train.regression()) {
            Set<String> classes = labels((Source<Label>) train);
            List<String> unseen = minus(labels((Source<Label>) test), classes);
            if (!unseen.isEmpty()) {
                throw new DslException(theTest + " has class" + (unseen.size() == 1 ? " " : "es ") + shown(unseen)
                        + ", which " + theTraining + " never has (its classes: "
                        + Printable.escape(String.join(", ", head(new ArrayList<>(classes)))) + "); a model predicts only the"
                        + " classes it was trained on");
            }
        }
    }

    private static Set<String> featureNames(Source<?> source) {
        Set<String> names = new TreeSet<>();
        for (Example<?> ex : source.data()) {
            for (Feature f : ex) {
                names.add(f.getName());
            }
        }
        return names;
    }

    private static Set<String> labels(Source<Label> source) {
        Set<String> names = new TreeSet<>();
        for (Example<Label> ex : source.data()) {
            names.add(ex.getOutput().getLabel());
        }
        return names;
    }

    private static List<String> minus(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (!b.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String plural(List<String> names) {
        return names.size() == 1 ? "" : "s";
    }

    private static String shown(List<String> names) {
        List<String> quoted = new ArrayList<>();
        for (String n : head(names)) {
            quoted.add(n.startsWith("... (") ? n : "'" + Printable.escape(n) + "'");
        }
        return String.join(", ", quoted);
    }

    private static List<String> head(List<String> names) {
        if (names.size() <= SHOWN) {
            return names;
        }
        List<String> h = new ArrayList<>(names.subList(0, SHOWN));
        h.add("... (" + (names.size() - SHOWN) + " more)");
        return h;
    }
}
