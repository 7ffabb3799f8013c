package dev.tensile.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tensile.spi.EpochLog;

/** The per-epoch record of a training run, in order. */
public final class History {
    private final List<EpochLog> epochs = new ArrayList<>();

    /** A history read back from a saved model. */
    public static History of(List<EpochLog> logs) {
        History h = new History();
        h.epochs.addAll(logs);
        return h;
    }

    /** Appends one epoch (the training loop does; so does a cluster backend on its driver). */
    public void add(EpochLog log) {
        epochs.add(log);
    }

    /** Appends the epochs of a continued run. */
    public void addAll(History more) {
        epochs.addAll(more.epochs);
    }

    public List<EpochLog> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    public EpochLog last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has been trained yet");
        }
        return epochs.get(epochs.size() - 1);
    }
}
