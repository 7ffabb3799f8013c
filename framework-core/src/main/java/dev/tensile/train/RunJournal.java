package dev.tensile.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.inject.Singleton;

import dev.tensile.eval.Diagnosis;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.TrainingContext;

/**
 * What is known of the latest training run beyond what {@link TrainingContext} shows while it trains: its
 * hyperparameters and plugins, the model summary, the epochs of the run it continues, and what happens to its
 * model afterwards (an evaluation, a bias/variance diagnosis). The trainer records a run when it starts; a script's
 * session records evaluations and diagnoses. A callback that keeps reporting after training (the HTML report)
 * injects this service and {@link #follow follows} the run it belongs to. One per plugin registry (a Guice
 * singleton, like the console); a new run drops the followers of the previous one.
 */
@Singleton
public final class RunJournal {
    private volatile Run current = Run.UNKNOWN;
    private volatile Path folder;
    private final List<Follower> followers = new CopyOnWriteArrayList<>();

    /**
     * A run as it starts.
     *
     * @param provenance the hyperparameters and plugins, by name, in the trainer's order (its Tribuo provenance)
     * @param summary    one row per layer, as {@code summary()} prints it: layer, outputs, parameters, initializer
     * @param earlier    the epochs of the run this one continues (resume, retrain); empty for a fresh run
     * @param observed   what the continued run observed (per-layer figures, warnings), so a report of this run
     *                   shows them as a report of its saved model will; empty for a fresh run
     */
    public record Run(Map<String, String> provenance, List<SummaryLine> summary, List<EpochLog> earlier,
                      Observations observed) {
        static final Run UNKNOWN = new Run(Map.of(), List.of(), List.of());

        public Run {
            provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
            summary = List.copyOf(summary);
            earlier = List.copyOf(earlier);
            Observations copy = new Observations();
            if (observed != null) {
                copy.addAll(observed);
            }
            observed = copy;
        }

        /** A run that continues nothing observed. */
        public Run(Map<String, String> provenance, List<SummaryLine> summary, List<EpochLog> earlier) {
            this(provenance, summary, earlier, null);
        }
    }

    /** One row of the model summary. */
    public record SummaryLine(String layer, int outputs, long parameters, String init) {
    }

    /**
     * An evaluation of the run's model.
     *
     * @param dataset   which set, e.g. {@code the test set}
     * @param labels    class names, in the order of the matrix's rows and columns
     * @param confusion {@code confusion[truth][predicted]} counts
     * @param accuracy  fraction right
     */
    public record Evaluation(String dataset, List<String> labels, long[][] confusion, double accuracy)
            implements java.io.Serializable {
        public Evaluation {
            labels = List.copyOf(labels);
            if (confusion.length != labels.size()) {
                throw new IllegalArgumentException("a confusion matrix needs one row per label");
            }
        }
    }

    /** Hears what happens to a run's model after training. */
    public interface Follower {
        default void evaluated(Evaluation evaluation) {
        }

        default void diagnosed(Diagnosis diagnosis) {
        }
    }

    /** A run starts: its description replaces the previous run's, whose followers stop hearing. */
    public void begin(Run run) {
        followers.clear();
        current = run;
    }

    /** The run that started last (an empty description before any). */
    public Run current() {
        return current;
    }

    public void follow(Follower follower) {
        followers.add(follower);
    }

    public void evaluated(Evaluation evaluation) {
        for (Follower f : followers) {
            f.evaluated(evaluation);
        }
    }

    public void diagnosed(Diagnosis diagnosis) {
        for (Follower f : followers) {
            f.diagnosed(diagnosis);
        }
    }

    /** The folder relative output paths start from (a script's folder); null means the working directory. */
    public void setFolder(Path folder) {
        this.folder = folder;
    }

    /** {@code path} resolved against {@link #setFolder the folder}, absolute. */
    public Path resolve(String path) {
        Path p = Path.of(path);
        Path base = folder;
        return (p.isAbsolute() || base == null ? p : base.resolve(p)).toAbsolutePath().normalize();
    }
}
